"""Importing services: each row is matched to a service, checked, and compared with it.

A row names its service by its service ID or by the body's own reference for it, and never by
name alone (docs/adr/0040): a row with neither is a new service. If the body already has a
service with the same or a very similar name, the row is flagged as a possible duplicate and
the person says on the preview what to do with it: add it, link it to that service, or skip it.
A column left out of the file leaves that detail as it is, and so does an empty cell unless the
person ticked "empty cells clear details". Rows that change nothing are left alone, so
importing the same file (or the body's own download) again changes nothing and adds nothing to
any service's history. The changes themselves go through `porth.register.actions`, like an
editor's, so they are checked by the same rules and recorded in each service's history.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from django.db import transaction
from django.utils import timezone

from porth.organisations.models import Organisation

from .. import actions
from ..description import (
    FIELD_LABELS,
    REQUIRED_WHEN_ADDING,
    SERVICE_FIELDS,
    SIMPLE_FIELDS,
    STRUCTURED_FIELDS,
    ServiceField,
    tidy_text,
)
from ..models import (
    ImportKind,
    Phase,
    Service,
    TechnologyProduct,
)
from ..structured import Lookups, Refused, fold
from ..validation import messages_in_both_languages, validate_phase_date
from ..wording import in_both_languages
from . import cells
from .columns import match_headers, unknown_headers
from .problems import CellProblem, Problem
from .reading import Table

PROGRESS_EVERY = 50
VALUE_SHOWN = 200
"""At most this much of a bad cell is kept to show beside its problem."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Choices:
    """What the person chose on the preview (docs/adr/0040)."""

    empty_cells_clear: bool = False
    decisions: dict[str, str] = field(default_factory=dict)
    """Per row flagged as a possible duplicate: "add", "skip" or the service ID to link to."""


ADD, SKIP = "add", "skip"


@cache
def _label(name: str) -> dict[str, str]:
    """A field's label in both languages, worked out once per field, not once per row."""
    return in_both_languages(lambda: FIELD_LABELS[name])


@dataclass
class PlannedService:
    """What one row will do: add a service, change one, or nothing."""

    row: int
    organisation: Organisation
    action: str  # "created", "updated" or "unchanged"
    service: Service | None
    details: actions.ServiceDetails
    phase: str
    phase_since: datetime.date
    phase_date_given: bool = True
    retire_on: datetime.date | None = None
    changed: list[str] = field(default_factory=list)
    duplicate_of: Service | None = None

    def preview(self, changes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "service": self.service.public_id if self.service else "",
            "name": {"en": self.details.name_en, "cy": self.details.name_cy},
            "fields": [_label(name) for name in self.changed],
            "changes": changes or [],
            "duplicate_of": self.duplicate_of.public_id if self.duplicate_of else "",
        }


@dataclass
class FlaggedRow:
    """A row with no ID or reference whose name is like one of the body's services: nothing
    happens to it until the person says what to do (or chose to skip it)."""

    row: int
    name: dict[str, str]
    duplicate_of: Service
    skipped: bool

    def preview(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": "skipped" if self.skipped else "duplicate",
            "service": "",
            "name": self.name,
            "fields": [],
            "changes": [],
            "duplicate_of": self.duplicate_of.public_id,
            "duplicate_name": {
                "en": self.duplicate_of.name_en,
                "cy": self.duplicate_of.name_cy,
            },
        }


@dataclass
class CheckedServices:
    planned: list[PlannedService] = field(default_factory=list)
    flagged: list[FlaggedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    more_problems: bool = False


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


# Words that make no difference to which service a name means ("Pay your council tax" is
# "Pay council tax"); Welsh as well as English.
FILLER_WORDS = {"a", "an", "the", "your", "my", "our", "of", "for", "y", "yr", "r", "eich", "ein"}


def similar_name(name: str) -> str:
    """A name reduced to the words that matter: case, punctuation and filler words gone.

    Two names with the same reduction are "very similar": enough to flag a possible duplicate,
    never to change a service without the person's say."""
    words = re.findall(r"\w+", name.casefold())
    kept = [word for word in words if word not in FILLER_WORDS]
    return " ".join(kept or words)


class _Lookups:
    """Everything a row may name, read once for the whole file."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.structured = Lookups(organisation)
        services = list(
            Service.objects.filter(organisation=organisation).select_related("service_area")
        )
        actions.load_links(services, organisation=organisation)
        self.by_id = {service.public_id: service for service in services}
        self.by_reference = {
            service.reference: service for service in services if service.reference
        }
        self.by_name: dict[str, list[Service]] = {}
        for service in services:
            for name in {similar_name(service.name_en), similar_name(service.name_cy)} - {""}:
                self.by_name.setdefault(name, []).append(service)

    def organisation_named(self, value: str) -> Organisation:
        body = self.structured.organisations.get(fold(value))
        if body is None:
            raise CellProblem("unknown_organisation", value=value)
        return body


def _product_keys(products: Any) -> set[Any]:
    """Products compared by record, and new ones (not yet in the catalogue) by name."""
    return {
        product.pk if isinstance(product, TechnologyProduct) else fold(str(product))
        for product in products
    }


def _same(before: actions.ServiceDetails, after: actions.ServiceDetails, name: str) -> bool:
    old, new = getattr(before, name), getattr(after, name)
    if name == "service_area":
        return old.pk == new.pk
    if name == "partner_organisations":
        return {item.pk for item in old} == {item.pk for item in new}
    if name == "technology":
        return _product_keys(old) == _product_keys(new)
    if name in ("users_served", "team_roles"):
        return set(old) == set(new)
    if name == "channels":
        return dict(old) == dict(new)
    if name == "steps":
        return list(old) == list(new)
    return tidy_text(old or "") == tidy_text(new or "")


DETAIL_FIELDS = [declared.name for declared in SERVICE_FIELDS]


class _Row:
    """One row being read: its cells by column code, and the problems found so far."""

    def __init__(self, number: int, cells_: list, positions: dict[str, int]):
        self.number = number
        self.values = {
            code: cells_[position] if position < len(cells_) else None
            for code, position in positions.items()
        }
        self.problems: list[Problem] = []

    def has(self, code: str) -> bool:
        return code in self.values

    def read(self, code: str, reader: Callable[[Any], Any], default: Any = None) -> Any:
        """The cell read by `reader`, or `default` when the column is absent or unreadable."""
        if code not in self.values:
            return default
        try:
            return reader(self.values[code])
        except CellProblem as error:
            value = cells.text(self.values[code])[:VALUE_SHOWN]
            self.problems.append(Problem(error.code, self.number, code, error.params, value))
            return default

    def required(self, code: str) -> None:
        if code in self.values and not cells.text(self.values[code]):
            self.problems.append(Problem("required", self.number, code, {}))


def _find_service(
    row: _Row, lookups: _Lookups, choices: Choices
) -> tuple[Service | None, Service | None, str]:
    """(the row's service or None for a new one, a service it may duplicate, the decision).

    By service ID, else by the body's reference; a row with neither is new, and flagged when
    the body has a service with the same or a very similar name (docs/adr/0040)."""
    public_id = row.read("public_id", lambda cell: cells.text(cell).upper(), "")
    reference = row.read("reference", lambda cell: tidy_text(cells.text(cell)), "")
    if public_id:
        service = lookups.by_id.get(public_id)
        if service is None:
            code = (
                "service_of_other_organisation"
                if Service.objects.filter(public_id=public_id).exists()
                else "unknown_service"
            )
            row.problems.append(Problem(code, row.number, "public_id", {"value": public_id}))
        elif reference and lookups.by_reference.get(reference, service) != service:
            row.problems.append(
                Problem("reference_in_use", row.number, "reference", {"value": reference})
            )
        return service, None, ""
    if reference:
        return lookups.by_reference.get(reference), None, ""
    names = {similar_name(cells.text(row.values.get(code))) for code in ("name_en", "name_cy")}
    alike = sorted(
        {
            service.pk: service
            for name in names - {""}
            for service in lookups.by_name.get(name, [])
        }.values(),
        key=lambda service: service.public_id,
    )
    if not alike:
        return None, None, ""
    decision = choices.decisions.get(str(row.number), "")
    if decision in (ADD, SKIP):
        return None, alike[0], decision
    linked = lookups.by_id.get(decision.upper())
    if linked is not None:
        return linked, None, "link"
    return None, alike[0], ""


def _read_structured(
    row: _Row,
    declared: ServiceField,
    lookups: _Lookups,
    before: Any,
    choices: Choices,
    values: dict[str, Any],
) -> None:
    """A structured field's cells read and checked by its declared structure, as the question
    pages and the API read it (docs/adr/0048). A column left out, or an empty cell when the
    person did not choose "empty cells clear details", leaves the service's value as it is."""
    kind = declared.structure
    assert kind is not None
    given = {column: cells.text(row.values[column]) for column in kind.columns if row.has(column)}
    if before is not None and not choices.empty_cells_clear:
        given = {column: text for column, text in given.items() if text.strip()}
    if not given:
        return
    current = getattr(before, declared.name) if before is not None else None
    try:
        values[declared.name] = kind.parse(given, lookups=lookups.structured, current=current)
    except Refused as refused:
        row.problems.append(
            Problem(
                refused.error.code or "rule",
                row.number,
                refused.column,
                {"reason": messages_in_both_languages(refused.error)},
                given.get(refused.column, "")[:VALUE_SHOWN],
            )
        )


def _phase_date(cell: Any) -> datetime.date | str:
    """A phase's date, or "" for an empty cell; its range is the register's shared rule."""
    if not cells.text(cell):
        return ""
    return cells.checked(cells.date(cell, not_after_today=False), validate_phase_date)


def _empty(value: Any) -> bool:
    return value in ("", None) or (isinstance(value, list | dict) and not value)


def _check_row(
    row: _Row, lookups: _Lookups, choices: Choices = Choices()
) -> PlannedService | FlaggedRow | None:
    organisation = lookups.organisation
    owner = row.read(
        "organisation",
        lambda cell: cells.text(cell) and lookups.organisation_named(cells.text(cell)),
    )
    if owner and owner != organisation:
        row.problems.append(
            Problem(
                "other_organisation",
                row.number,
                "organisation",
                {"organisation": {"en": organisation.name_en, "cy": organisation.name_cy}},
            )
        )
        return None
    for code in REQUIRED_WHEN_ADDING:
        row.required(code)
    service, duplicate_of, decision = _find_service(row, lookups, choices)
    before = actions.ServiceDetails.from_service(service) if service else None
    values: dict[str, Any] = {}
    for declared in SIMPLE_FIELDS:
        values[declared.name] = row.read(
            declared.name, lambda cell, declared=declared: cells.declared_text(cell, declared)
        )
    for declared in STRUCTURED_FIELDS:
        _read_structured(row, declared, lookups, before, choices, values)
    phase = row.read("phase", lambda cell: cells.text(cell) and cells.code(cells.text(cell), Phase))
    phase_since = row.read("phase_since", _phase_date)
    is_retired = row.read("is_retired", cells.yes_no)
    if is_retired is None:  # no such column: a retired service stays retired
        is_retired = bool(service and service.is_retired)
    retired_on = row.read("retired_on", _phase_date)
    if row.problems:
        return None
    if duplicate_of is not None and decision != ADD:
        return FlaggedRow(
            row=row.number,
            name={
                "en": cells.text(row.values.get("name_en")),
                "cy": cells.text(row.values.get("name_cy")),
            },
            duplicate_of=duplicate_of,
            skipped=decision == SKIP,
        )

    given = {name: value for name, value in values.items() if value is not None}
    if before is not None and not choices.empty_cells_clear:
        # An empty cell leaves the detail as it is, unless the person chose otherwise.
        given = {name: value for name, value in given.items() if not _empty(value)}
    if before is None:
        if is_retired:
            row.problems.append(Problem("new_service_retired", row.number, "is_retired", {}))
            return None
        details = actions.ServiceDetails(**{"service_area": None, **given})  # type: ignore[arg-type]
    else:
        details = replace(before, **given)
    changed = [name for name in DETAIL_FIELDS if before is None or not _same(before, details, name)]
    if is_retired:
        phase, phase_since = Phase.RETIRED, retired_on or (service.retired_on if service else None)
        if not phase_since:
            row.problems.append(Problem("required", row.number, "retired_on", {}))
            return None
    elif phase == Phase.RETIRED:
        row.problems.append(Problem("retire_with_columns", row.number, "phase", {}))
        return None
    # Without the phase's start date, the date is the day it is recorded, said as such.
    phase_date_given = bool(phase_since)
    if service is not None:
        phase = phase or service.phase
        if phase_since is None or phase_since == "":
            phase_since = service.phase_since if phase == service.phase else timezone.localdate()
            phase_date_given = service.phase_date_given if phase == service.phase else False
        if (phase, phase_since) != (service.phase, service.phase_since) and not (
            service.is_retired and is_retired
        ):
            changed.append("phase")
    else:
        phase = phase or Phase.DISCOVERY
        phase_since = phase_since or timezone.localdate()
    if service is not None and service.is_retired and (changed or not is_retired):
        row.problems.append(Problem("retired_service", row.number, "public_id", {}))
        return None
    action = "created" if service is None else ("updated" if changed else "unchanged")
    return PlannedService(
        duplicate_of=duplicate_of,
        row=row.number,
        organisation=organisation,
        action=action,
        service=service,
        details=details,
        phase=phase,
        phase_since=phase_since,
        phase_date_given=phase_date_given,
        retire_on=retired_on
        if is_retired and service is not None and not service.is_retired
        else None,
        changed=[name for name in changed if name in FIELD_LABELS],
    )


def check_services(
    table: Table,
    *,
    organisation: Organisation,
    progress: Progress,
    max_problems: int | None = None,
    choices: Choices = Choices(),
) -> CheckedServices:
    """Every row of `table` matched and checked against the organisation's services.

    Checking stops once more than `max_problems` problems are found: the first ones are kept
    and `more_problems` says there were more (docs/adr/0017).
    """
    positions = match_headers(ImportKind.SERVICES, table.headers)
    result = CheckedServices(ignored_columns=unknown_headers(ImportKind.SERVICES, table.headers))
    lookups = _Lookups(organisation)
    seen: dict[Any, int] = {}
    count = 0
    for number, cells_ in table.rows:
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(count, max(count, table.approximate_rows))
        row = _Row(number, cells_, positions)
        planned = _check_row(row, lookups, choices)
        if isinstance(planned, FlaggedRow):
            result.flagged.append(planned)
            planned = None
        if planned is not None:
            key = planned.service.pk if planned.service else ("new", _fold(planned.details.name_en))
            first = seen.setdefault(key, number)
            if first != number:
                row.problems.append(Problem("duplicate_row", number, "", {"row": first}))
                planned = None
        result.problems.extend(row.problems)
        if max_problems is not None and len(result.problems) > max_problems:
            del result.problems[max_problems:]
            result.more_problems = True
            break
        if planned is not None:
            result.planned.append(planned)
    progress(count, count)
    return result


def _phase_text(phase: str, since: datetime.date | None) -> dict[str, str]:
    return in_both_languages(
        lambda: f"{Phase(phase).label} ({since.isoformat()})" if since else str(Phase(phase).label)
    )


def _changes(edited: actions.EditedService, plan: PlannedService) -> list[dict[str, Any]]:
    """Before and after of each field the row changes, as the history words them."""
    before, after = edited.before, edited.after
    changes = [
        {"label": _label(name), "before": before[name], "after": after[name]}
        for name in plan.changed
        if name in after and before[name] != after[name]
    ]  # fmt: skip
    if "phase" in plan.changed:
        changes.append(
            {
                "label": _label("phase"),
                "before": before["phase"],
                "after": _phase_text(edited.service.phase, edited.service.phase_since),
            }
        )
    return changes


ORDER = {"updated": 0, "duplicate": 1, "skipped": 2, "created": 3}


BATCH = 500
"""Rows written by one call of the batched actions; the time budget is checked between."""


@transaction.atomic
def write_services(
    planned: list[PlannedService],
    *,
    changed_by: Any,
    tick: Callable[[], None] = lambda: None,
    flagged: list[FlaggedRow] | None = None,
) -> dict[str, Any]:
    """Apply every planned change through the register's batched actions
    (`actions.create_services`, `actions.change_services`), in one transaction.

    Returns the counts and every row that adds or changes something, changes to existing
    services first, each with the before and after of its changed fields (the preview and
    its download show them all, docs/adr/0040). `tick` is called before each batch and at the
    end; it raises to stop (the worker's time budget).
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    rows = [row.preview() for row in flagged or []]
    for plan in planned:
        counts[plan.action] += 1
    new = [plan for plan in planned if plan.action == "created"]
    for start in range(0, len(new), BATCH):
        tick()
        batch = new[start : start + BATCH]
        made = actions.create_services(
            services=[
                actions.NewService(
                    organisation=plan.organisation,
                    details=plan.details,
                    phase=plan.phase,
                    phase_from=plan.phase_since,
                    phase_date_given=plan.phase_date_given,
                )
                for plan in batch
            ],
            created_by=changed_by,
        )
        for plan, service in zip(batch, made, strict=True):
            plan.service = service
            rows.append(plan.preview())
    changing = [plan for plan in planned if plan.action == "updated"]
    for start in range(0, len(changing), BATCH):
        tick()
        batch = changing[start : start + BATCH]
        edits = []
        for plan in batch:
            service = plan.service
            assert service is not None
            new_phase = (plan.phase, plan.phase_since) != (service.phase, service.phase_since)
            edits.append(
                actions.ServiceEdit(
                    service=service,
                    details=plan.details if any(name != "phase" for name in plan.changed) else None,
                    phase=plan.phase if new_phase and plan.retire_on is None else None,
                    phase_from=plan.phase_since,
                    phase_date_given=plan.phase_date_given,
                    retire_on=plan.retire_on,
                )
            )
        phases_before = {
            plan.service.pk: _phase_text(plan.service.phase, plan.service.phase_since)
            for plan in batch
            if plan.service is not None
        }
        for plan, edited in zip(
            batch, actions.change_services(edits=edits, changed_by=changed_by), strict=True
        ):
            edited.before["phase"] = phases_before[edited.service.pk]
            plan.service = edited.service
            rows.append(plan.preview(_changes(edited, plan)))
    tick()
    rows.sort(key=lambda row: (ORDER[row["action"]], row["row"]))
    flagged = flagged or []
    return {
        "counts": counts,
        "rows": rows,
        "undecided": sum(1 for row in flagged if not row.skipped),
        "skipped": sum(1 for row in flagged if row.skipped),
    }
