"""Importing figures: reading and checking each row; the actions write them.

Each row names its service by the service ID or by the body's own reference for it
(`Service.reference`), and its period by a type (month, quarter, financial year, calendar year)
and its first day; a "Period ends" column, as the downloads have, must agree with them. Every
row is judged by the question page's own rules (`models.figure_errors`), so a bad value gets
the same words whichever door it came through, with the bad cell beside it. Rows with no
problem go to `actions.record_figures`, which writes them all or none (issue 10, ADR 0046).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from porth.organisations.models import Organisation

from ..actions.figures import Figure, InvalidFigures, record_figures
from ..models import (
    ImportKind,
    Measure,
    MetricValue,
    PeriodType,
    Service,
    figure_errors,
    period_end,
)
from ..validation import messages_in_both_languages
from . import cells
from .columns import match_headers, unknown_headers
from .problems import CellProblem, FileRefused, Problem
from .reading import Table

PROGRESS_EVERY = 2000
SOURCE_LIMIT = MetricValue._meta.get_field("source").max_length
VALUE_SHOWN = 200
# Where each of `figure_errors`' fields is in a file.
COLUMN_OF = {
    "period_start": "period_start",
    "value": "value",
    "not_provided_reason": "value",
    "measure": "measure",
    "source": "source",
    "row": "",
}

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    """Used when nobody is watching (the benchmark, tests)."""


@dataclass
class CheckedFigures:
    rows: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    public_ids: dict[int, str] = field(default_factory=dict)
    more_problems: bool = False


@dataclass
class _Lookups:
    by_id: dict[str, tuple[int, int]]  # service ID → (service, body)
    by_reference: dict[str, tuple[int, int, str] | None]  # None: more than one body has it
    shared: dict[str, tuple[int, str]]  # measure code → (measure, unit)
    own: dict[tuple[int, str], tuple[int, str]]  # (body, code) → (measure, unit)


def _lookups(organisation: Organisation | None, with_references: bool) -> _Lookups:
    services = Service.objects.all()
    if organisation is not None:
        services = services.filter(organisation=organisation)
    by_id: dict[str, tuple[int, int]] = {}
    by_reference: dict[str, tuple[int, int, str] | None] = {}
    for pk, public_id, organisation_id, reference in services.values_list(
        "pk", "public_id", "organisation_id", "reference"
    ):
        by_id[public_id] = (pk, organisation_id)
        if with_references and reference:
            # References are unique within a body only: across bodies one may repeat.
            by_reference[reference] = (
                None if reference in by_reference else (pk, organisation_id, public_id)
            )
    shared: dict[str, tuple[int, str]] = {}
    own: dict[tuple[int, str], tuple[int, str]] = {}
    measures = Measure.objects.all()
    if organisation is not None:
        measures = measures.filter(organisation__in=[organisation]) | measures.filter(
            organisation__isnull=True
        )
    for pk, code, unit, organisation_id in measures.values_list(
        "pk", "code", "unit", "organisation_id"
    ):
        if organisation_id is None:
            shared[code] = (pk, unit)
        else:
            own[(organisation_id, code)] = (pk, unit)
    return _Lookups(by_id, by_reference, shared, own)


def _both(error: ValidationError) -> dict[str, str]:
    return messages_in_both_languages(error)


def check_figures(
    table: Table,
    *,
    organisation: Organisation | None,
    progress: Progress = _no_progress,
    max_problems: int | None = None,
) -> CheckedFigures:
    """Every row of `table` checked; rows with no problem are ready for `write_figures`.

    `organisation` limits the rows to that body's services; None (the benchmark, a command
    run by centre staff) allows any service. Checking stops once more than `max_problems`
    problems are found (docs/adr/0017).
    """
    positions = match_headers(ImportKind.METRICS, table.headers)
    if "service" not in positions and "reference" not in positions:
        raise FileRefused("missing_service_column")
    result = CheckedFigures(ignored_columns=unknown_headers(ImportKind.METRICS, table.headers))
    found = _lookups(organisation, with_references="reference" in positions)
    # Each row gets a None on the end; a column the file lacks reads that None (index -1).
    width = max(positions.values()) + 1
    i_service, i_reference, i_measure, i_type, i_start, i_end, i_value, i_reason, i_source, \
        i_note = (
            positions.get(code, -1)
            for code in (
                "service", "reference", "measure", "period_type", "period_start", "period_end",
                "value", "not_provided_reason", "source", "note",
            )
        )  # fmt: skip
    seen: dict[tuple, int] = {}
    not_found: dict[str, list[int]] = defaultdict(list)
    today = timezone.localdate()
    total = table.approximate_rows
    problems = result.problems
    unknown = 0  # rows naming a service the body does not have, explained at the end
    count = 0

    for number, row in table.rows:
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(count, max(total, count))
        if len(row) < width:
            row.extend([None] * (width - len(row)))
        row.append(None)
        row_problems: list[Problem] = []

        def problem(column: str, error: CellProblem, cell: Any = None) -> None:
            shown = cells.text(cell)[:VALUE_SHOWN] if cell is not None else ""
            row_problems.append(Problem(error.code, number, column, error.params, shown))  # noqa: B023

        public_id = cells.text(row[i_service]).strip().upper()
        reference = cells.text(row[i_reference]).strip()
        service = found.by_id.get(public_id) if public_id else None
        if public_id and service is None:
            not_found[public_id].append(number)
            unknown += 1
        elif reference:
            # The service ID, when given, decides; the reference must not name another service.
            named = found.by_reference.get(reference, ())
            if named and service is not None and named[0] != service[0]:
                problem(
                    "reference",
                    CellProblem("reference_of_other_service", value=reference, service=named[2]),
                    reference,
                )
            elif service is None and named is None:
                problem("reference", CellProblem("ambiguous_reference", value=reference), reference)
            elif service is None and not named:
                problem("reference", CellProblem("unknown_reference", value=reference), reference)
            elif service is None:
                service, public_id = named[:2], named[2]
        elif not public_id:
            problem("service", CellProblem("required"))
        measure = None
        code = cells.text(row[i_measure])
        if not code:
            problem("measure", CellProblem("required"))
        elif service is not None:
            measure = found.own.get((service[1], code)) or found.shared.get(code)
            if measure is None:
                problem("measure", CellProblem("unknown_measure", value=code), code)
        period_type = period_start = value = None
        raw = cells.text(row[i_type])
        try:
            if not raw:
                raise CellProblem("required")
            period_type = cells.code(raw, PeriodType)
        except CellProblem as error:
            problem("period_type", error, raw)
        raw_start = row[i_start]
        try:
            if raw_start in (None, ""):
                raise CellProblem("required")
            period_start = cells.date(raw_start, not_after_today=False)
        except CellProblem as error:
            problem("period_start", error, raw_start)
        reason = cells.text(row[i_reason])
        raw_value = row[i_value]
        try:
            if raw_value not in (None, ""):
                value = cells.number(raw_value)
        except CellProblem as error:
            problem("value", error, raw_value)
            value = reason = None
        try:
            source = cells.limited(row[i_source], SOURCE_LIMIT)
        except CellProblem as error:
            problem("source", error)
        note = cells.text(row[i_note])
        if period_type is not None and period_start is not None and reason is not None:
            # The question page's rules, in its words, with the bad cell beside them.
            for name, errors in figure_errors(
                period_type=period_type,
                period_start=period_start,
                value=value,
                not_provided_reason=reason,
                unit=measure[1] if measure is not None else "",
                today=today,
            ).items():
                column = COLUMN_OF[name]
                cell = raw_start if column == "period_start" else raw_value
                problem(column, CellProblem("rule", reason=_both(errors[0])), cell)
            raw_end = row[i_end]
            if raw_end not in (None, "") and "period_start" not in {p.column for p in row_problems}:
                _check_end(raw_end, period_type, period_start, problem)
        usable = False
        if row_problems:
            problems.extend(row_problems)
        elif service is not None and measure is not None:
            key = (service[0], measure[0], period_type, period_start)
            first = seen.setdefault(key, number)
            if first != number:
                problems.append(Problem("duplicate_row", number, "", {"row": first}))
            else:
                usable = True
        if max_problems is not None and len(problems) + unknown > max_problems:
            result.more_problems = True
            break
        if not usable:
            continue
        result.rows.append(
            Figure(number, service[0], measure[0], period_type, period_start, value, reason,
                   source, note)
        )  # fmt: skip
        result.public_ids[service[0]] = public_id
    progress(count, count)
    _explain_unknown_services(not_found, organisation, problems)
    problems.sort(key=lambda problem: (problem.row or 0, problem.column))
    if max_problems is not None:
        del problems[max_problems:]
    return result


def _check_end(
    raw_end: Any, period_type: str, period_start: datetime.date, problem: Callable
) -> None:
    """A "Period ends" cell (the downloads have one) must be the period's own last day."""
    expected = period_end(period_type, period_start)
    try:
        given = cells.date(raw_end, not_after_today=False)
    except CellProblem as error:
        problem("period_end", error, raw_end)
        return
    if given != expected:
        problem(
            "period_end",
            CellProblem(
                "period_end_mismatch", value=given.isoformat(), expected=expected.isoformat()
            ),
            raw_end,
        )


def _explain_unknown_services(
    not_found: dict[str, list[int]], organisation: Organisation | None, problems: list[Problem]
) -> None:
    """A service ID the body does not own is either another body's or no service at all."""
    if not not_found:
        return
    elsewhere = set(
        Service.objects.filter(public_id__in=list(not_found)).values_list("public_id", flat=True)
    )
    for public_id, numbers in not_found.items():
        code = "service_of_other_organisation" if public_id in elsewhere else "unknown_service"
        problems.extend(
            Problem(code, number, "service", {"value": public_id}, public_id) for number in numbers
        )


def problems_of(refused: InvalidFigures) -> list[Problem]:
    """The actions' reasons for refusing figures, as an import's problems (a figure's `row`
    is its spreadsheet row)."""
    return sorted(
        (
            Problem("rule", row, COLUMN_OF.get(name, ""), {"reason": _both(errors[0])})
            for row, fields in refused.errors.items()
            for name, errors in fields.items()
        ),
        key=lambda problem: (problem.row or 0, problem.column),
    )


def write_figures(
    rows: list[Figure],
    *,
    recorded_by: Any,
    public_ids: dict[int, str],
    dry_run: bool = False,
) -> dict[str, Any]:
    """The checked rows, recorded by the actions in one transaction (`record_figures`), or,
    with `dry_run`, what recording them would change. Raises InvalidFigures, writing nothing,
    if the register changed since the check so that a figure now breaks a rule."""
    return record_figures(
        figures=rows, recorded_by=recorded_by, public_ids=public_ids, dry_run=dry_run
    )
