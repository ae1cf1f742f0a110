"""Recording figures, one at a time or many at once, and defining a body's own measures.

Every figure is written here, whichever door it came through: the question page and the API
call `record_metric_value`, the spreadsheet import calls `record_figures` (issue 10). Both
judge a figure by the one set of rules, `models.figure_errors` (the question page's rules too),
and both keep the change log and each service's `latest_metric_period` the same way, with the
same words (`wording.figure_change`).

`record_figures` takes figures by the hundred thousand (a body's year of monthly figures for
every service), so it does not loop over `record_metric_value`: the figures are staged in a
temporary table (PostgreSQL's COPY; plain inserts elsewhere), compared with those recorded in
one join, and written with one UPDATE and one COPY. It is all or nothing: one figure that
breaks a rule and nothing is written.
"""

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from porth.core import pagecache
from porth.organisations.models import Organisation

from ..models import (
    ChangeKind,
    Measure,
    MetricValue,
    Service,
    figure_errors,
    period_end,
)
from ..signals import PAGE_TOPIC
from ..wording import figure_change, figure_text, figure_words
from .history import log_change

__all__ = ["figure_change", "figure_text", "figure_words"]  # kept here for older callers


class MeasureNotAvailable(Exception):
    """The measure belongs to another organisation."""


class InvalidFigure(ValidationError):
    """The figure failed validation; `message_dict` says why, field by field."""


class InvalidFigures(Exception):
    """Some of the figures given to `record_figures` break a rule; nothing was written.

    `errors` maps each bad figure's `row` to its errors by field ("period_start", "value",
    "not_provided_reason", "measure" or "row"), as `models.figure_errors` words them.
    """

    def __init__(self, errors: dict[int, dict[str, list[ValidationError]]]):
        super().__init__(f"{len(errors)} figures break a rule")
        self.errors = errors


class Figure(NamedTuple):
    """One figure for `record_figures`; `row` is the caller's number for it (a spreadsheet's
    row), used in errors and the change summary. A tuple, because imports make 100,000."""

    row: int
    service_id: int
    measure_id: int
    period_type: str
    period_start: datetime.date
    value: Decimal | None
    not_provided_reason: str = ""
    source: str = ""
    note: str = ""


def _figure_text(figure: MetricValue | None) -> dict[str, str]:
    if figure is None:
        return {"en": "", "cy": ""}
    return figure_text(figure.value, figure.not_provided_reason, figure.measure.unit)


def _refresh_latest_period(service: Service) -> None:
    latest = service.metric_values.filter(value__isnull=False).aggregate(
        latest=Max("period_start")
    )["latest"]
    Service.objects.filter(pk=service.pk).update(latest_metric_period=latest)
    service.latest_metric_period = latest


@transaction.atomic
def record_metric_value(
    *,
    service: Service,
    measure: Measure,
    period_type: str,
    period_start: datetime.date,
    value: Decimal | None,
    not_provided_reason: str = "",
    source: str = "",
    note: str = "",
    recorded_by: Any,
) -> MetricValue:
    """Record a figure for a period, or why it is not provided; replaces an earlier figure for
    the same service, measure and period (the old one stays in the change log). Raises
    MeasureNotAvailable or InvalidFigure (the question page's words, field by field)."""
    if measure.organisation_id not in (None, service.organisation_id):
        raise MeasureNotAvailable
    figure = (
        MetricValue.objects.select_for_update()
        .filter(
            service=service, measure=measure, period_type=period_type, period_start=period_start
        )
        .first()
    )
    before = _figure_text(figure)
    if figure is None:
        figure = MetricValue(
            service=service, measure=measure, period_type=period_type, period_start=period_start
        )
    figure.period_end = period_end(period_type, period_start)
    figure.value = value
    figure.not_provided_reason = not_provided_reason.strip()
    figure.source = source.strip()
    figure.note = note.strip()
    figure.recorded_by = recorded_by
    try:
        figure.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidFigure(error.message_dict) from error
    figure.save()
    after = _figure_text(figure)
    if before != after:
        log_change(
            service,
            ChangeKind.METRIC,
            recorded_by,
            [figure_change(measure, period_type, period_start, before, after)],
        )
    _refresh_latest_period(service)
    return figure


@transaction.atomic
def define_measure(*, organisation: Organisation, name_en: str, name_cy: str, unit: str) -> Measure:
    """A measure of a body's own, for its services only; its code is made from the name."""
    base = slugify(name_en)[:50] or "measure"
    code, number = base, 1
    while Measure.objects.filter(organisation=organisation, code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return Measure.objects.create(
        organisation=organisation,
        code=code,
        name_en=name_en.strip(),
        name_cy=name_cy.strip(),
        unit=unit,
        position=1000,
    )


# --- Many figures at once ---------------------------------------------------------------------

PREVIEW_ROWS = 200
STAGING_TABLE = "register_staged_figures"
KEY = ("service_id", "measure_id", "period_type", "period_start")
SOURCE_LIMIT = MetricValue._meta.get_field("source").max_length

# What is staged and written: (row, service, measure, unit, period type, start, end, value,
# reason, source, note).
_Staged = tuple[
    int, int, int, str, str, datetime.date, datetime.date, Decimal | None, str, str, str
]
_STAGED_COLUMNS = [
    "row_no", "service_id", "measure_id", "unit", "period_type", "period_start", "period_end",
    "value", "not_provided_reason", "source", "note",
]  # fmt: skip


def _judged(
    figures: Sequence[Figure], today: datetime.date
) -> tuple[list[_Staged], dict[int, dict[str, list[ValidationError]]]]:
    """Each figure with its unit and last day, or why it cannot be recorded: the question
    page's rules (`figure_errors`), a measure that is not the service's body's, a repeat."""
    measures = {
        pk: (unit, organisation_id)
        for pk, unit, organisation_id in Measure.objects.filter(
            pk__in={figure.measure_id for figure in figures}
        ).values_list("pk", "unit", "organisation_id")
    }
    owners = _owners({figure.service_id for figure in figures})
    ends: dict[tuple[str, datetime.date], datetime.date] = {}
    seen: dict[tuple, int] = {}
    staged: list[_Staged] = []
    errors: dict[int, dict[str, list[ValidationError]]] = {}
    for figure in figures:
        unit, measure_owner = measures.get(figure.measure_id, ("", -1))
        if figure.service_id not in owners or measure_owner not in (
            None,
            owners[figure.service_id],
        ):
            errors[figure.row] = {
                "measure": [ValidationError(NOT_AVAILABLE, code="measure_not_available")]
            }
            continue
        wrong = figure_errors(
            period_type=figure.period_type,
            period_start=figure.period_start,
            value=figure.value,
            not_provided_reason=figure.not_provided_reason,
            unit=unit,
            today=today,
        )
        if len(figure.source) > SOURCE_LIMIT:
            wrong["source"] = [ValidationError(SOURCE_TOO_LONG, code="too_long")]
        if wrong:
            errors[figure.row] = wrong
            continue
        first = seen.setdefault(figure[1:5], figure.row)
        if first != figure.row:
            errors[figure.row] = {"row": [ValidationError(REPEATS, params={"row": first})]}
            continue
        period = (figure.period_type, figure.period_start)
        if period not in ends:
            ends[period] = period_end(*period)
        staged.append(
            (figure.row, figure.service_id, figure.measure_id, unit, figure.period_type,
             figure.period_start, ends[period], figure.value, figure.not_provided_reason.strip(),
             figure.source.strip(), figure.note.strip())
        )  # fmt: skip
    return staged, errors


def _owners(service_ids: set[int]) -> dict[int, int]:
    """{service id: its body's id}, read in batches (SQLite allows a few thousand parameters)."""
    ids = sorted(service_ids)
    owners: dict[int, int] = {}
    for start in range(0, len(ids), 5000):
        owners.update(
            Service.objects.filter(pk__in=ids[start : start + 5000]).values_list(
                "pk", "organisation_id"
            )
        )
    return owners


NOT_AVAILABLE = _("There is no measure with this code for this service")
SOURCE_TOO_LONG = _("The source must be 200 characters or fewer")
REPEATS = _("This figure repeats row %(row)s")


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


def _stage(cursor: Any, rows: list[_Staged]) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGING_TABLE} (row_no integer, service_id bigint,"
        " measure_id bigint, unit varchar(10), period_type varchar(20), period_start date,"
        " period_end date, value numeric(16, 2), not_provided_reason text, source varchar(200),"
        " note text)"
    )
    _copy(cursor, STAGING_TABLE, _STAGED_COLUMNS, rows)
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
    """Replace the figures that changed. Unchanged ones are not touched, so recording the
    same figures twice writes nothing the second time."""
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


def _insert_new(cursor: Any, rows: list[_Staged], recorded_by_id: int | None, now: Any) -> None:
    """Write the figures for periods that had none, straight from the rows: on PostgreSQL
    this is a COPY into the table itself, which is what makes an import nearly as quick as
    COPY. A figure someone records for the same period meanwhile breaks the unique
    constraint, and the whole write rolls back rather than overwrite it unseen."""
    _copy(
        cursor,
        "register_metricvalue",
        [*_STAGED_COLUMNS[1:], "recorded_by_id", "recorded_at", "updated_at"],
        ((*row[1:], recorded_by_id, now, now) for row in rows),
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


BLANK = {"en": "", "cy": ""}
ENTRY_JSON = '{"field": "metric", "label": %s, "old": %s, "new": %s}'


class _Wording:
    """The change log's words for figures, as `record_metric_value` writes them.

    Many figures repeat the same few measures and periods, and switching language costs more
    than the words, so each label is made once and the figures' words a language at a time
    (`prepare`). Entries are kept as JSON text, ready for COPY.
    """

    def __init__(self) -> None:
        self.measures = {m.pk: m for m in Measure.objects.all()}
        self.labels: dict[tuple, dict[str, str]] = {}
        self.label_json: dict[tuple, str] = {}
        self.texts: dict[tuple | None, dict[str, str]] = {None: BLANK}
        self.text_json: dict[tuple | None, str] = {None: json.dumps(BLANK)}

    def prepare(self, keys: set[tuple | None]) -> None:
        missing = [key for key in keys if key not in self.texts]
        for key in missing:
            self.texts[key] = {}
        for language in ("en", "cy"):
            with translation.override(language):
                for key in missing:
                    self.texts[key][language] = figure_words(*key)
        for key in missing:
            self.text_json[key] = json.dumps(self.texts[key], ensure_ascii=False)

    def label(self, row: _Staged) -> tuple:
        key = (row[2], row[4], row[5])
        if key not in self.labels:
            entry = figure_change(self.measures[row[2]], row[4], row[5], BLANK, BLANK)
            self.labels[key] = entry["label"]
            self.label_json[key] = json.dumps(entry["label"], ensure_ascii=False)
        return key


def _new_key(row: _Staged) -> tuple:
    return (row[7], row[8], row[3])


def _old_key(row: _Staged, old: tuple | None) -> tuple | None:
    return None if old is None else (old[0], old[1], row[3])


@transaction.atomic
def record_figures(
    *,
    figures: Sequence[Figure],
    recorded_by: Any,
    public_ids: dict[int, str] | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Record many figures, all or nothing, and say what changed.

    Each figure replaces the one recorded for the same service, measure and period; one that
    says the same as the recorded one is left alone. Raises InvalidFigures, writing nothing, if
    any figure breaks a rule. With `dry_run` everything is worked out and rolled back: that is
    an import's preview, so it always agrees with what recording will do.

    Returns {"counts": {created, updated, unchanged}, "rows": [a sample of the changes, with
    the service's ID from `public_ids`], "services": how many services' figures changed}.
    """
    now = timezone.now()
    by_id = getattr(recorded_by, "pk", None)
    public_ids = public_ids or {}
    rows, errors = _judged(figures, timezone.localdate())
    if errors:
        raise InvalidFigures(errors)
    with connection.cursor() as cursor:
        _stage(cursor, rows)
        existing = _existing(cursor)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        changed: list[tuple[_Staged, tuple | None]] = []
        lowered: set[int] = set()
        for row in rows:
            old = existing.get(row[0])
            if old is not None and old == (row[7], row[8], row[9], row[10]):
                counts["unchanged"] += 1
                continue
            counts["created" if old is None else "updated"] += 1
            if old is not None and old[0] is not None and row[7] is None:
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
            # Written straight to the tables, so no `log_change` drops the pages that show
            # them: the services' pages and their bodies' downloads, among others (ADR 0070).
            pagecache.pages_changed(PAGE_TOPIC)
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")
    if dry_run:
        transaction.set_rollback(True)
    return {"counts": counts, "rows": sample, "services": len(changes)}
