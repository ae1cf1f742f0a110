"""Importing figures: checking each row, then writing them all in one go.

Figures come by the hundred thousand (a body's year of monthly figures for every service), so
rows are not written one by one through `actions.record_metric_value`. Instead the checked rows
are staged in a temporary table (PostgreSQL's COPY; plain inserts elsewhere) and written with
one `INSERT … ON CONFLICT` that skips figures that have not changed. The change log and each
service's `latest_metric_period` are kept right as `record_metric_value` keeps them, with the
same wording (`wording.figure_change`), so a figure imported reads in the history as
one typed in.
"""

import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone, translation

from porth.organisations.models import Organisation

from ..models import (
    ChangeKind,
    ImportKind,
    Measure,
    MetricValue,
    PeriodType,
    Service,
    value_errors,
)
from ..wording import figure_change, figure_words, in_both_languages
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
    more_problems: bool = False


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
    result = CheckedFigures(ignored_columns=unknown_headers(ImportKind.METRICS, table.headers))
    services, shared, own = _lookups(organisation)
    # Each row gets a None on the end; a column the file lacks reads that None (index -1).
    width = max(positions.values()) + 1
    i_service, i_measure, i_type, i_start, i_value, i_reason, i_source, i_note = (
        positions.get(code, -1)
        for code in (
            "service", "measure", "period_type", "period_start", "value",
            "not_provided_reason", "source", "note",
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

        def problem(column: str, error: CellProblem) -> None:
            row_problems.append(Problem(error.code, number, column, error.params))  # noqa: B023

        public_id = cells.text(row[i_service]).upper()
        service = services.get(public_id)
        if not public_id:
            problem("service", CellProblem("required"))
        elif service is None:
            not_found[public_id].append(number)
            unknown += 1
        measure = None
        code = cells.text(row[i_measure])
        if not code:
            problem("measure", CellProblem("required"))
        elif service is not None:
            measure = own.get((service[1], code)) or shared.get(code)
            if measure is None:
                problem("measure", CellProblem("unknown_measure", value=code))
        period_type = period_start = value = None
        try:
            raw = cells.text(row[i_type])
            if not raw:
                raise CellProblem("required")
            period_type = cells.code(raw, PeriodType)
        except CellProblem as error:
            problem("period_type", error)
        try:
            raw_start = row[i_start]
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
        reason = cells.text(row[i_reason])
        try:
            raw_value = row[i_value]
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
            source = cells.limited(row[i_source], SOURCE_LIMIT)
        except CellProblem as error:
            problem("source", error)
        note = cells.text(row[i_note])
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
            (number, service[0], measure[0], measure[1], period_type, period_start, value,
             reason, source, note)
        )  # fmt: skip
        result.public_ids[service[0]] = public_id
    progress(count, count)
    _explain_unknown_services(not_found, organisation, problems)
    problems.sort(key=lambda problem: (problem.row or 0, problem.column))
    if max_problems is not None:
        del problems[max_problems:]
    return result


def _both(message: Any) -> dict[str, str]:
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
    if connection.vendor == "postgresql":
        # Temporary tables are never analysed automatically; without statistics the planner
        # joins them with a nested loop.
        cursor.execute(f"ANALYZE {STAGING_TABLE}")


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


def _replace_changed(cursor: Any, recorded_by_id: int | None, now: Any) -> None:
    """Replace the figures the file changes. Unchanged ones are not touched, so importing the
    same file twice writes nothing the second time."""
    cursor.execute(
        f"""
        UPDATE register_metricvalue AS m SET value = t.value,
            not_provided_reason = t.not_provided_reason, source = t.source, note = t.note,
            recorded_by_id = %s, updated_at = %s
        FROM {STAGING_TABLE} t
        WHERE {_JOIN} AND NOT ({_SAME})
        """,
        [recorded_by_id, now],
    )


def _insert_new(cursor: Any, rows: list[MetricRow], recorded_by_id: int | None, now: Any) -> None:
    """Write the figures for periods that had none, straight from the rows: on PostgreSQL
    this is a COPY into the table itself, which is what makes an import nearly as quick as
    COPY. A figure someone records for the same period meanwhile breaks the unique
    constraint, and the whole import rolls back rather than overwrite it unseen."""
    _copy(
        cursor,
        "register_metricvalue",
        ["service_id", "measure_id", "unit", "period_type", "period_start", "value",
         "not_provided_reason", "source", "note", "recorded_by_id", "recorded_at", "updated_at"],
        ((*row[1:], recorded_by_id, now, now) for row in rows),
    )  # fmt: skip


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


BLANK = {"en": "", "cy": ""}
ENTRY_JSON = '{"field": "metric", "label": %s, "old": %s, "new": %s}'


class _Wording:
    """The change log's words for figures, as `record_metric_value` writes them.

    An import repeats the same few measures and periods on thousands of rows, and switching
    language costs more than the words, so each label is made once and the figures' words a
    language at a time (`prepare`). Entries are kept as JSON text, ready for COPY.
    """

    def __init__(self) -> None:
        self.measures = {m.pk: m for m in Measure.objects.all()}
        self.labels: dict[tuple, dict[str, str]] = {}
        self.label_json: dict[tuple, str] = {}
        self.texts: dict[tuple, dict[str, str]] = {None: BLANK}
        self.text_json: dict[tuple | None, str] = {None: json.dumps(BLANK)}

    def prepare(self, keys: set[tuple]) -> None:
        missing = [key for key in keys if key not in self.texts]
        for key in missing:
            self.texts[key] = {}
        for language in ("en", "cy"):
            with translation.override(language):
                for key in missing:
                    self.texts[key][language] = figure_words(*key)
        for key in missing:
            self.text_json[key] = json.dumps(self.texts[key], ensure_ascii=False)

    def label(self, row: MetricRow) -> tuple:
        key = (row[2], row[4], row[5])
        if key not in self.labels:
            entry = figure_change(self.measures[row[2]], row[4], row[5], BLANK, BLANK)
            self.labels[key] = entry["label"]
            self.label_json[key] = json.dumps(entry["label"], ensure_ascii=False)
        return key


def _new_key(row: MetricRow) -> tuple:
    return (row[6], row[7], row[3])


def _old_key(row: MetricRow, old: tuple | None) -> tuple | None:
    return None if old is None else (old[0], old[1], row[3])


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
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        changed: list[tuple[MetricRow, tuple | None]] = []
        lowered: set[int] = set()
        for row in rows:
            old = existing.get(row[0])
            if old is not None and old == (row[6], row[7], row[8], row[9]):
                counts["unchanged"] += 1
                continue
            counts["created" if old is None else "updated"] += 1
            if old is not None and old[0] is not None and row[6] is None:
                lowered.add(row[1])
            changed.append((row, old))
        wording = _Wording()
        wording.prepare({_new_key(row) for row, _old in changed})
        wording.prepare({_old_key(row, old) for row, old in changed if old is not None})
        changes: dict[int, list[str]] = defaultdict(list)
        sample: list[dict[str, Any]] = []
        for row, old in changed:
            label, before, after = wording.label(row), _old_key(row, old), _new_key(row)
            if wording.texts[before] != wording.texts[after]:
                changes[row[1]].append(
                    ENTRY_JSON
                    % (
                        wording.label_json[label],
                        wording.text_json[before],
                        wording.text_json[after],
                    )
                )
            if len(sample) < PREVIEW_ROWS:
                sample.append(
                    {"row": row[0], "action": "created" if old is None else "updated",
                     "service": public_ids.get(row[1], ""), "label": wording.labels[label],
                     "old": wording.texts[before], "new": wording.texts[after]}
                )  # fmt: skip
        if not dry_run and (counts["created"] or counts["updated"]):
            stamp = connection.ops.adapt_datetimefield_value(now)
            if counts["updated"]:
                _replace_changed(cursor, by_id, stamp)
            _insert_new(cursor, [row for row, old in changed if old is None], by_id, stamp)
            _refresh_latest_periods(cursor, lowered)
            _copy(
                cursor,
                "register_servicechange",
                ["service_id", "kind", "changes", "changed_by_id", "changed_at"],
                (
                    (service_id, ChangeKind.METRIC, "[" + ", ".join(entries) + "]", by_id, stamp)
                    for service_id, entries in changes.items()
                ),
            )
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")
        if dry_run:
            transaction.set_rollback(True)
    return {"counts": counts, "rows": sample, "services": len(changes)}
