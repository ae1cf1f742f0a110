"""The data dictionary: every column an import reads, what to write in it, and every code list
(issue 11 item 6, docs/adr/0047).

One description serves the Excel template's instructions sheet and drop-downs, the CSV
dictionary beside the CSV template, and the open data page that publishes them, so they
cannot drift apart. Each text is given in both languages: a body's spreadsheet is read by
people in either.
"""

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..description import FIELDS_BY_NAME
from ..models import ImportKind
from .columns import IMPORT_COLUMNS, ImportColumn
from .mapping import CODE_LISTS, MANY, ONE, YES_NO, CodeList

LIST_SEPARATOR = ";"
DATE_FORMATS_SAID = "2025-04-01, 01/04/2025"

# The name of each code list, and the columns that take it (channels and channels in Welsh
# share one list).
LIST_NAMES: dict[str, Promise] = {
    "service_area": _("Service areas"),
    "phase": _("Phases"),
    "users_served": _("Users served"),
    "channels": _("Channels"),
    "channels_in_welsh": _("Channels"),
    "steps": _("Steps of a service"),
    "online_steps": _("Steps of a service"),
    "welsh_steps": _("Steps of a service"),
    "team_roles": _("Roles in the team"),
    "is_retired": _("Yes or no"),
    "period_type": _("Period types"),
}
LIST_KEYS = {
    "channels_in_welsh": "channels",
    "online_steps": "steps",
    "welsh_steps": "steps",
}


def both(text: Any) -> dict[str, str]:
    """A text in English and Welsh."""
    found = {}
    for language in ("en", "cy"):
        with translation.override(language):
            found[language] = str(text() if callable(text) else text)
    return found


@dataclass(frozen=True)
class DictionaryColumn:
    code: str
    name: dict[str, str]
    required: bool
    what: dict[str, str]
    code_list: str  # the key of its code list, or ""


def list_key(code: str) -> str:
    return LIST_KEYS.get(code, code)


def _what(spec: ImportColumn, code_lists: dict[str, CodeList]) -> Any:
    """What to write in a column, as a function of the reader's language."""
    code = spec.code
    if code in code_lists:
        shape = code_lists[code].shape
        name = LIST_NAMES[code]
        if shape == YES_NO:
            return lambda: _("yes or no")
        if shape == MANY:
            return lambda: (
                _("Codes from the list “%(list)s”, separated by semicolons (%(separator)s)")
                % {"list": name, "separator": LIST_SEPARATOR}
            )
        if shape == ONE:
            return lambda: _("One code from the list “%(list)s”") % {"list": name}
    if spec.column.kind == "date":
        return lambda: _("A date, like %(formats)s") % {"formats": DATE_FORMATS_SAID}
    if spec.column.kind == "number":
        return lambda: _("A number, like 85 or 3.20")
    if code in ("public_id", "service"):
        return lambda: _("A service ID, like PS-000123. Leave it empty for a new service")
    if code == "organisation":
        return lambda: _("Your organisation's code, as in the list of organisations")
    if code == "partner_organisations":
        return lambda: (
            _("Organisation codes, separated by semicolons (%(separator)s)")
            % {"separator": LIST_SEPARATOR}
        )
    if code == "technology":
        return lambda: (
            _("Products like “Name (Supplier)”, separated by semicolons (%(separator)s)")
            % {"separator": LIST_SEPARATOR}
        )
    if code == "measure":
        return lambda: _("A measure code")
    declared = FIELDS_BY_NAME.get(code)
    if declared is not None and declared.max_length:
        limit = declared.max_length
        if declared.kind == "web_address":
            return lambda: _("A web address, at most %(limit)s characters") % {"limit": limit}
        if declared.kind == "email":
            return lambda: _("An email address")
        return lambda: _("Text, at most %(limit)s characters") % {"limit": limit}
    return lambda: _("Text")


def columns(kind: str) -> list[DictionaryColumn]:
    """Every column this kind of import reads, in the template's order."""
    code_lists = CODE_LISTS[kind]
    return [
        DictionaryColumn(
            code=spec.code,
            name=both(spec.column.label),
            required=spec.required,
            what=both(_what(spec, code_lists)),
            code_list=list_key(spec.code) if spec.code in code_lists else "",
        )
        for spec in IMPORT_COLUMNS[kind]
    ]


@dataclass(frozen=True)
class DictionaryCodeList:
    key: str
    name: dict[str, str]
    columns: list[str]
    entries: list[tuple[str, str, str]]  # (code, English, Welsh)


def code_lists(kinds: tuple[str, ...] = (ImportKind.SERVICES, ImportKind.METRICS)) -> list:
    """Every code list the imports read, each with its codes and labels in both languages."""
    found: dict[str, DictionaryCodeList] = {}
    for kind in kinds:
        for code, code_list in CODE_LISTS[kind].items():
            key = list_key(code)
            if key in found:
                found[key].columns.append(code)
                continue
            labels = {}
            for language in ("en", "cy"):
                with translation.override(language):
                    labels[language] = code_list.codes()
            entries = [
                (english[0], english[1], welsh[1])
                for english, welsh in zip(labels["en"], labels["cy"], strict=True)
            ]
            found[key] = DictionaryCodeList(
                key=key, name=both(LIST_NAMES[code]), columns=[code], entries=entries
            )
    return list(found.values())


def dictionary_csv(kind: str) -> bytes:
    """The data dictionary of one kind of import as CSV (UTF-8 with a byte-order mark, so
    Excel keeps ŵ and ŷ): one line per column, then one line per code of each list."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "Column code / Cod y golofn",
            "Column name (English)",
            "Enw'r golofn (Cymraeg)",
            "Required when adding / Gofynnol wrth ychwanegu",
            "What to write (English)",
            "Beth i'w ysgrifennu (Cymraeg)",
            "Code list / Rhestr codau",
        ]
    )
    for column in columns(kind):
        writer.writerow(
            [
                column.code,
                column.name["en"],
                column.name["cy"],
                "yes / ie" if column.required else "no / na",
                column.what["en"],
                column.what["cy"],
                column.code_list,
            ]
        )
    writer.writerow([])
    writer.writerow(["Code list / Rhestr codau", "Code / Cod", "English", "Cymraeg"])
    for code_list in code_lists((kind,)):
        for code, english, welsh in code_list.entries:
            writer.writerow([code_list.key, code, english, welsh])
    return ("\ufeff" + buffer.getvalue()).encode()
