"""Mapping a file's own columns and values to Porth's (docs/adr/0047).

A body's inventory rarely uses Porth's column names ("Service title", "Customer type") or its
codes ("PERSON", "Y"). When a file's columns do not match, the worker stops at "columns to
match" instead of refusing the file, keeping what each column holds (`Profile`: its name and
up to `MAX_VALUES` distinct cells). On one page the person says which Porth column each of the
file's columns is, or to ignore it, and what the file's values mean in Porth's code lists. The
check then reads the file through the mapping (`mapped`): columns renamed to Porth's codes,
ignored ones dropped, values translated, so the checker itself (`services`, `metrics`) reads
an ordinary file and applies the same rules as always. The body's mapping is kept
(`ImportMapping`) and offered again for its next file.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import Organisation

from ..models import (
    Channel,
    ImportKind,
    ImportMapping,
    PeriodType,
    Phase,
    ServiceArea,
    ServiceStep,
    TeamRole,
    UserGroupCode,
)
from . import cells
from .columns import IMPORT_COLUMNS, normalise, recognise
from .reading import Cell, Table

MAX_VALUES = 50
"""Distinct cells kept per column for the mapping page: enough for any code list."""
VALUE_CHARS = 100
"""A kept cell is cut to this length: code cells are short; long text needs no mapping."""
IGNORE = ""

ONE, MANY, YES_NO = "one", "many", "yes_no"


def _choices(choices: Any, leave_out: tuple[str, ...] = ()) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [(code, str(label)) for code, label in choices.choices if code not in leave_out]


def _service_areas() -> list[tuple[str, str]]:
    return [(area.code, area.name) for area in ServiceArea.objects.filter(is_active=True)]


def _yes_no() -> list[tuple[str, str]]:
    return [("yes", str(_("Yes"))), ("no", str(_("No")))]


@dataclass(frozen=True)
class CodeList:
    """A column whose values are codes: one per cell, a list, or yes and no."""

    shape: str
    codes: Callable[[], list[tuple[str, str]]]
    """(code, label in the reader's language), read when needed (service areas change)."""

    def known(self) -> set[str]:
        """Every value read without mapping (folded): the codes and their labels in English
        and Welsh, as `cells.code` reads them."""
        if self.shape == YES_NO:
            return set(cells.YES | cells.NO) - {""}
        known: set[str] = set()
        for language in ("en", "cy"):
            with translation.override(language):
                for code, label in self.codes():
                    known |= {fold(code), fold(label)}
        return known


CODE_LISTS: dict[str, dict[str, CodeList]] = {
    ImportKind.SERVICES: {
        "service_area": CodeList(ONE, _service_areas),
        "phase": CodeList(ONE, _choices(Phase, leave_out=(Phase.RETIRED,))),
        "users_served": CodeList(MANY, _choices(UserGroupCode)),
        "channels": CodeList(MANY, _choices(Channel)),
        "channels_in_welsh": CodeList(MANY, _choices(Channel)),
        "steps": CodeList(MANY, _choices(ServiceStep)),
        "online_steps": CodeList(MANY, _choices(ServiceStep)),
        "welsh_steps": CodeList(MANY, _choices(ServiceStep)),
        "team_roles": CodeList(MANY, _choices(TeamRole)),
        "is_retired": CodeList(YES_NO, _yes_no),
    },
    ImportKind.METRICS: {
        "period_type": CodeList(ONE, _choices(PeriodType)),
    },
}


def fold(value: Any) -> str:
    """A value as mapping keys keep it: any case, spaces run together."""
    return re.sub(r"\s+", " ", cells.text(value)).strip().casefold()


class Profile:
    """What each of a file's columns holds, gathered as the checker reads the rows: the
    distinct cells (up to `MAX_VALUES` a column) that the mapping page lists."""

    def __init__(self, table: Table):
        self.headers = list(table.headers)
        self._values: list[dict[str, str]] = [{} for _ in self.headers]
        self._more = [False for _ in self.headers]
        self._rows = self._read(table.rows)
        self.table = Table(
            headers=table.headers, rows=self._rows, approximate_rows=table.approximate_rows
        )

    def _read(self, rows: Iterator[tuple[int, list[Cell]]]) -> Iterator[tuple[int, list[Cell]]]:
        for number, row in rows:
            for position, cell in enumerate(row[: len(self.headers)]):
                value = cells.text(cell)[:VALUE_CHARS]
                if not value:
                    continue
                kept = self._values[position]
                if len(kept) < MAX_VALUES:
                    kept.setdefault(fold(value), value)
                elif fold(value) not in kept:
                    self._more[position] = True
            yield number, row

    def drain(self) -> None:
        """Read the rows the checker did not (it stopped at the columns, or at too many
        problems), so every column's values are known."""
        for _row in self._rows:
            pass

    def as_data(self) -> dict[str, Any]:
        return {
            "headers": self.headers,
            "values": [list(kept.values()) for kept in self._values],
            "more": self._more,
        }


def _map_cell(cell: Cell, shape: str, values: dict[str, str]) -> Cell:
    if shape == MANY:
        items = cells.items(cell)
        mapped = [values.get(fold(item)) or item for item in items]
        return "; ".join(mapped) if mapped != items else cell
    return values.get(fold(cell)) or cell


def mapped(table: Table, mapping: dict[str, Any], kind: str) -> Table:
    """The file as its mapping reads it: each column named by its Porth code ("" for one to
    ignore), and mapped values replaced by Porth's codes. No mapping: the file as it is."""
    columns = mapping.get("columns") if mapping else None
    if not columns:
        return table
    headers = [columns[i] if i < len(columns) else IGNORE for i in range(len(table.headers))]
    lists = CODE_LISTS[kind]
    translate = {
        position: (lists[code].shape, {fold(k): v for k, v in mapping["values"][code].items()})
        for position, code in enumerate(headers)
        if code in lists and (mapping.get("values") or {}).get(code)
    }

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        for number, row in table.rows:
            if translate:
                row = list(row)
                for position, (shape, values) in translate.items():
                    if position < len(row):
                        row[position] = _map_cell(row[position], shape, values)
            yield number, row

    return Table(headers=headers, rows=rows(), approximate_rows=table.approximate_rows)


def file_values(profile: dict[str, Any], position: int, code: str, kind: str) -> list[str]:
    """The distinct values of one of the file's columns as the code list `code` reads them:
    each item of a list cell on its own."""
    found = profile.get("values") or []
    kept = found[position] if position < len(found) else []
    if CODE_LISTS[kind][code].shape != MANY:
        return list(kept)
    items: dict[str, str] = {}
    for cell in kept:
        for item in cells.items(cell):
            items.setdefault(fold(item), item)
    return list(items.values())


def saved_mapping(organisation: Organisation, kind: str) -> ImportMapping | None:
    return ImportMapping.objects.filter(organisation=organisation, kind=kind).first()


def suggested_columns(
    kind: str, headers: list[str], saved: ImportMapping | None, current: dict[str, Any]
) -> list[str]:
    """What the page offers for each column: this file's mapping if there is one, else the
    body's saved choice for a column of that name, else the Porth column of that name, else
    ignore."""
    if current.get("columns"):
        return list(current["columns"])
    remembered = saved.columns if saved else {}
    suggested = []
    for header in headers:
        name = normalise(header)
        if name in remembered:
            suggested.append(remembered[name])
        else:
            suggested.append(recognise(kind, header) or IGNORE)
    return suggested


def save_mapping(
    *, organisation: Organisation, kind: str, headers: list[str], mapping: dict, saved_by: Any
) -> ImportMapping:
    """Keep the body's choices for its next file: column names and values it mapped before
    stay unless this file maps them again."""
    record, _created = ImportMapping.objects.select_for_update().get_or_create(
        organisation=organisation, kind=kind
    )
    columns = dict(record.columns)
    for header, code in zip(headers, mapping["columns"], strict=False):
        if normalise(header):
            columns[normalise(header)] = code
    values = {code: dict(found) for code, found in record.values.items()}
    for code, found in mapping.get("values", {}).items():
        values.setdefault(code, {}).update(found)
    record.columns, record.values, record.updated_by = columns, values, saved_by
    record.save()
    return record


def porth_columns(kind: str) -> list[tuple[str, str, bool]]:
    """(code, label in the reader's language, required) for every column an import reads."""
    return [(spec.code, str(spec.column.label), spec.required) for spec in IMPORT_COLUMNS[kind]]
