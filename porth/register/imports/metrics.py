"""Importing figures: checking each row, then writing them all in one go.

Figures come by the hundred thousand (a body's year of monthly figures for every service), so
rows are not written one by one through `actions.record_metric_value`. Instead the checked rows
are staged in a temporary table (PostgreSQL's COPY; plain inserts elsewhere) and written with
one `INSERT … ON CONFLICT` that skips figures that have not changed. The change log and each
service's `latest_metric_period` are kept right as `record_metric_value` keeps them, with the
same wording (`actions.figures.figure_change`), so a figure imported reads in the history as
one typed in.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from porth.organisations.models import Organisation

from ..actions.figures import figure_change, figure_text
from ..models import (
    ChangeKind,
    ImportKind,
    Measure,
    MetricValue,
    PeriodType,
    Service,
    value_errors,
)
from . import cells
from .columns import match_headers, unknown_headers
from .problems import CellProblem, Problem
from .reading import Table

# (row, service id, measure id, unit, period type, period start, value, reason, source, note)
MetricRow = tuple[int, int, int, str, str, datetime.date, Decimal | None, str, str, str]
PREVIEW_ROWS = 200
PROGRESS_EVERY = 2000
STAGING_TABLE = "register_import_figures"
KEY = ("service_id", "measure_id", "period_type", "period_start")
SOURCE_LIMIT = MetricValue._meta.get_field("source").max_length

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    """Used when nobody is watching (the benchmark, tests)."""


@dataclass
class CheckedFigures:
    rows: list[MetricRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    public_ids: dict[int, str] = field(default_factory=dict)


def _lookups(organisation: Organisation | None) -> tuple[dict, dict, dict]:
    services = Service.objects.all()
    if organisation is not None:
        services = services.filter(organisation=organisation)
    by_id = {
        public_id: (pk, organisation_id)
        for pk, public_id, organisation_id in services.values_list(
            "pk", "public_id", "organisation_id"
        )
    }
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
    return by_id, shared, own


def check_figures(
    table: Table, *, organisation: Organisation | None, progress: Progress = _no_progress
) -> CheckedFigures:
    """Every row of `table` checked; rows with no problem are ready for `write_figures`.

    `organisation` limits the rows to that body's services; None (the benchmark, a command
    run by centre staff) allows any service.
    """
    positions = match_headers(ImportKind.METRICS, table.headers)
    result = CheckedFigures(ignored_columns=unknown_headers(ImportKind.METRICS, table.headers))
    services, shared, own = _lookups(organisation)
    at = positions.get
    columns = {code: at(code) for code in ("not_provided_reason", "source", "note")}
    seen: dict[tuple, int] = {}
    not_found: dict[str, list[int]] = defaultdict(list)
    today = timezone.localdate()
    total = table.approximate_rows
    problems = result.problems
    count = 0

    def cell(cells_: list, code: str) -> Any:
        position = positions.get(code)
        return cells_[position] if position is not None and position < len(cells_) else None

    for number, row in table.rows:
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(count, max(total, count))
        row_problems: list[Problem] = []

        def problem(column: str, error: CellProblem) -> None:
            row_problems.append(Problem(error.code, number, column, error.params))  # noqa: B023

        public_id = cells.text(cell(row, "service")).upper()
        service = services.get(public_id)
        if not public_id:
            problem("service", CellProblem("required"))
        elif service is None:
            not_found[public_id].append(number)
        measure = None
        code = cells.text(cell(row, "measure"))
        if not code:
            problem("measure", CellProblem("required"))
        elif service is not None:
            measure = own.get((service[1], code)) or shared.get(code)
            if measure is None:
                problem("measure", CellProblem("unknown_measure", value=code))
        period_type = period_start = value = None
        try:
            raw = cells.text(cell(row, "period_type"))
            if not raw:
                raise CellProblem("required")
            period_type = cells.code(raw, PeriodType)
        except CellProblem as error:
            problem("period_type", error)
        try:
            raw_start = cell(row, "period_start")
            if raw_start in (None, ""):
                raise CellProblem("required")
            period_start = cells.date(raw_start, not_after_today=False)
            if period_start.day != 1:
                raise CellProblem("not_first_of_month")
            if period_type == PeriodType.QUARTER and period_start.month not in (1, 4, 7, 10):
                raise CellProblem("quarter_start")
            if period_start > today:
                raise CellProblem("future_date")
        except CellProblem as error:
            problem("period_start", error)
            period_start = None
        reason = (
            cells.text(cell(row, "not_provided_reason"))
            if columns["not_provided_reason"] is not None
            else ""
        )
        try:
            raw_value = cell(row, "value")
            if raw_value not in (None, ""):
                value = cells.number(raw_value)
                if reason:
                    raise CellProblem("value_and_reason")
                out_of_range = value_errors(value, measure[1]) if measure is not None else []
                if out_of_range:
                    raise CellProblem("out_of_range", reason=_both(out_of_range[0]))
            elif not reason:
                raise CellProblem("value_or_reason")
        except CellProblem as error:
            problem("value", error)
        try:
            source = (
                cells.limited(cell(row, "source"), SOURCE_LIMIT)
                if columns["source"] is not None
                else ""
            )
        except CellProblem as error:
            problem("source", error)
        note = cells.text(cell(row, "note")) if columns["note"] is not None else ""
        if row_problems:
            problems.extend(row_problems)
            continue
        if service is None or measure is None:
            continue
        key = (service[0], measure[0], period_type, period_start)
        first = seen.setdefault(key, number)
        if first != number:
            problems.append(Problem("duplicate_row", number, "", {"row": first}))
            continue
        result.rows.append(
            (number, service[0], measure[0], measure[1], period_type, period_start, value,
             reason, source, note)
        )  # fmt: skip
        result.public_ids[service[0]] = public_id
    progress(count, count)
    _explain_unknown_services(not_found, organisation, problems)
    problems.sort(key=lambda problem: (problem.row or 0, problem.column))
    return result


def _both(message: Any) -> dict[str, str]:
    from ..actions.history import in_both_languages

    return in_both_languages(lambda: message)


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
            Problem(code, number, "service", {"value": public_id}) for number in numbers
        )


# --- Writing ----------------------------------------------------------------------------------


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Bulk-load rows: COPY on PostgreSQL, a prepared insert elsewhere (SQLite in development)."""
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))


def _stage(cursor: Any, rows: list[MetricRow]) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGING_TABLE} (row_no integer, service_id bigint,"
        " measure_id bigint, unit varchar(10), period_type varchar(10), period_start date,"
        " value numeric(16, 2), not_provided_reason text, source varchar(200), note text)"
    )
    _copy(
        cursor,
        STAGING_TABLE,
        ["row_no", "service_id", "measure_id", "unit", "period_type", "period_start", "value",
         "not_provided_reason", "source", "note"],
        rows,
    )  # fmt: skip


_JOIN = " AND ".join(f"m.{name} = t.{name}" for name in KEY)
_SAME = (
    "m.value IS NOT DISTINCT FROM t.value AND m.not_provided_reason = t.not_provided_reason"
    " AND m.source = t.source AND m.note = t.note"
)


def _existing(cursor: Any) -> dict[int, tuple[Decimal | None, str, str, str]]:
    """The figures already recorded for the staged rows' periods, by row number."""
    cursor.execute(
        f"SELECT t.row_no, m.value, m.not_provided_reason, m.source, m.note"
        f" FROM {STAGING_TABLE} t JOIN register_metricvalue m ON {_JOIN}"
    )
    return {
        row_no: (None if value is None else Decimal(str(value)), reason, source, note)
        for row_no, value, reason, source, note in cursor.fetchall()
    }


def _upsert(cursor: Any, recorded_by_id: int | None, now: datetime.datetime) -> None:
    """Insert new figures and replace changed ones; an unchanged figure is not touched, so
    importing the same file twice writes nothing the second time."""
    cursor.execute(
        f"""
        INSERT INTO register_metricvalue (service_id, measure_id, unit, period_type,
            period_start, value, not_provided_reason, source, note, recorded_by_id,
            recorded_at, updated_at)
        SELECT t.service_id, t.measure_id, t.unit, t.period_type, t.period_start, t.value,
            t.not_provided_reason, t.source, t.note, %s, %s, %s
        FROM {STAGING_TABLE} t
        WHERE NOT EXISTS (SELECT 1 FROM register_metricvalue m WHERE {_JOIN} AND {_SAME})
        ON CONFLICT (service_id, measure_id, period_type, period_start) DO UPDATE SET
            value = excluded.value, not_provided_reason = excluded.not_provided_reason,
            source = excluded.source, note = excluded.note, unit = excluded.unit,
            recorded_by_id = excluded.recorded_by_id, updated_at = excluded.updated_at
        """,
        [recorded_by_id, now, now],
    )


def _refresh_latest_periods(cursor: Any, lowered: set[int]) -> None:
    """Move each service's latest period with a figure forward, as `record_metric_value`
    does; a service where a figure became "not provided" is worked out again in full."""
    cursor.execute(
        f"""
        UPDATE register_service SET latest_metric_period = latest.period
        FROM (SELECT service_id, max(period_start) AS period FROM {STAGING_TABLE}
              WHERE value IS NOT NULL GROUP BY service_id) AS latest
        WHERE register_service.id = latest.service_id
          AND (register_service.latest_metric_period IS NULL
               OR register_service.latest_metric_period < latest.period)
        """
    )
    if lowered:
        latest = (
            MetricValue.objects.filter(service=OuterRef("pk"), value__isnull=False)
            .values("service")
            .annotate(latest=Max("period_start"))
            .values("latest")
        )
        Service.objects.filter(pk__in=lowered).update(latest_metric_period=Subquery(latest))


class _Wording:
    """The change log's words for figures, worked out once per measure, period and value:
    an import repeats the same few of each on thousands of rows."""

    def __init__(self) -> None:
        self.measures = {m.pk: m for m in Measure.objects.all()}
        self.labels: dict[tuple, dict[str, Any]] = {}
        self.texts: dict[tuple, dict[str, str]] = {}

    def text(self, value: Decimal | None, reason: str, unit: str) -> dict[str, str]:
        key = (value, reason, unit)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = figure_text(value, reason, unit)
        return found

    def change(self, row: MetricRow, old: tuple | None) -> dict[str, Any]:
        _n, _s, measure_id, unit, period_type, period_start, value, reason, _src, _note = row
        key = (measure_id, period_type, period_start)
        entry = self.labels.get(key)
        if entry is None:
            blank = {"en": "", "cy": ""}
            entry = self.labels[key] = figure_change(
                self.measures[measure_id], period_type, period_start, blank, blank
            )
        before = {"en": "", "cy": ""} if old is None else self.text(old[0], old[1], unit)
        return {**entry, "old": before, "new": self.text(value, reason, unit)}


def write_figures(
    rows: list[MetricRow],
    *,
    recorded_by: Any,
    public_ids: dict[int, str],
    dry_run: bool = False,
) -> dict[str, Any]:
    """Write the checked rows in one transaction and say what changed.

    With `dry_run` everything is worked out (and rolled back): that is the preview, so it
    always agrees with what applying will do. Returns {"counts": {created, updated,
    unchanged}, "rows": [a sample of the changes for the preview and summary]}.
    """
    now = timezone.now()
    by_id = getattr(recorded_by, "pk", None)
    with transaction.atomic(), connection.cursor() as cursor:
        _stage(cursor, rows)
        existing = _existing(cursor)
        wording = _Wording()
        changes: dict[int, list[dict[str, Any]]] = defaultdict(list)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        sample: list[dict[str, Any]] = []
        lowered: set[int] = set()
        for row in rows:
            old = existing.get(row[0])
            if old is not None and old == (row[6], row[7], row[8], row[9]):
                counts["unchanged"] += 1
                continue
            action = "created" if old is None else "updated"
            counts[action] += 1
            if old is not None and old[0] is not None and row[6] is None:
                lowered.add(row[1])
            entry = wording.change(row, old)
            if entry["old"] != entry["new"]:
                changes[row[1]].append(entry)
            if len(sample) < PREVIEW_ROWS:
                sample.append(
                    {"row": row[0], "action": action, "service": public_ids.get(row[1], ""),
                     **entry}
                )  # fmt: skip
        if not dry_run and (counts["created"] or counts["updated"]):
            _upsert(cursor, by_id, now)
            _refresh_latest_periods(cursor, lowered)
            _copy(
                cursor,
                "register_servicechange",
                ["service_id", "kind", "changes", "changed_by_id", "changed_at"],
                (
                    (service_id, ChangeKind.METRIC, _json(entries), by_id, now)
                    for service_id, entries in changes.items()
                ),
            )
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")
        if dry_run:
            transaction.set_rollback(True)
    return {"counts": counts, "rows": sample, "services": len(changes)}


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
