"""Reads of the register for pages, exports and the API. Each makes a fixed number of queries.

Searching and filtering the register is `porth.register.search.search()`; `open_data` and the
dashboard build on it and on `published_services()`.
"""

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    ExpressionWrapper,
    F,
    IntegerField,
    JSONField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, RowNumber

from porth.core import pagecache
from porth.core.language import current_language
from porth.core.permissions import Role, is_centre_staff
from porth.organisations.models import Organisation

from .description import FIELDS_BY_NAME
from .expressions import NameDistance
from .imports import dictionary
from .models import (
    ChangeKind,
    ImportStatus,
    Measure,
    MetricValue,
    PeriodType,
    Service,
    ServiceChange,
    SpreadsheetImport,
    fold_for_search,
    months_in,
)
from .signals import PAGE_TOPIC


def published_services(*, include_retired: bool = False) -> QuerySet[Service]:
    """Services the public register shows, with what a list row needs already joined."""
    services = Service.objects.select_related("organisation", "service_area")
    return services if include_retired else services.current()


def service_for_page(public_id: str) -> Service | None:
    """One service with everything its page shows, in a fixed number of queries."""
    return (
        Service.objects.select_related("organisation", "service_area")
        .prefetch_related(
            "users_served",
            "technology",
            Prefetch(
                "partner_organisations",
                queryset=Organisation.objects.order_by(f"name_{current_language()}"),
            ),
            "channels",
            "phase_changes",
        )
        .filter(public_id=public_id.upper())
        .first()
    )


def with_details_read(service: Service) -> Service:
    """`service` with what its details hold beyond its own row (user groups, partners,
    channels, products) read once, in four queries: checking an editor's answers reads the
    service's details again for every page of questions, four queries each time (58 in all,
    ADR 0063). The save itself reads the service afresh."""
    prefetch_related_objects(
        [service], "users_served", "partner_organisations", "channels", "technology"
    )
    return service


@dataclass
class MetricSeries:
    """One measure's figures for a service for periods of one type, oldest first, for a chart
    and its table. Figures for periods of different types are different series (ADR 0046): a
    chart never draws a year beside a quarter."""

    measure: Measure
    period_type: str
    figures: list[MetricValue]
    others: int = 0
    """How many other series of the same measure (other period types) the service has."""

    @property
    def latest(self) -> MetricValue:
        return self.figures[-1]

    @property
    def is_longer_than_a_month(self) -> bool:
        return months_in(self.period_type) > 1


PERIOD_ORDER = {code: position for position, code in enumerate(PeriodType.values)}


CHART_PERIODS = 12


def metric_series(service: Service, *, periods: int = CHART_PERIODS) -> list[MetricSeries]:
    """The latest `periods` figures of each measure the service reports, in measure order.

    Only those figures are read (a window function numbers each series from its latest
    period), so the page costs the same however many years of figures a service has.
    """
    figures = (
        MetricValue.objects.filter(service=service)
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("measure_id"), F("period_type")],
                order_by=F("period_start").desc(),
            )
        )
        .filter(recency__lte=periods)
        .select_related("measure")
        .order_by(
            "measure__position", "measure__name_en", "measure_id", "period_type", "period_start"
        )
    )
    grouped: OrderedDict[tuple[int, str], MetricSeries] = OrderedDict()
    measures: dict[int, int] = {}
    for figure in figures:
        key = (figure.measure_id, figure.period_type)
        if key not in grouped:
            grouped[key] = MetricSeries(figure.measure, figure.period_type, [])
            measures.setdefault(figure.measure_id, len(measures))
        grouped[key].figures.append(figure)
    series = sorted(
        grouped.values(),
        key=lambda one: (measures[one.measure.pk], PERIOD_ORDER.get(one.period_type, 99)),
    )
    for one in series:
        one.others = sum(1 for other in series if other.measure.pk == one.measure.pk) - 1
    return series


# What the service page's list of similar services shows of each: its name and ID (for its
# link) and its body's name.
SIMILAR_FIELDS = (
    "public_id",
    "name_en",
    "name_cy",
    "organisation",
    "organisation__name_en",
    "organisation__name_cy",
)


def live_service_count(services: QuerySet[Service]) -> int:
    """How many live services the register holds, for `services`, a list of every live
    service (in any order), kept in the shared cache until the register changes as a whole
    (ADR 0071): only adding, publishing or retiring a service changes it, and those name no
    parts. At 100,000 services a count costs PostgreSQL 7 ms, on every page of the API's list
    that is made again."""
    return pagecache.kept_until_whole_changes(PAGE_TOPIC, "register:live-count", services.count)


def similar_services(service: Service, *, limit: int = 5) -> list[Service]:
    """Services in the same area run by other bodies, one per body, most alike by name first,
    so teams doing the same thing can find each other.

    Kept in the shared cache until the register changes as a whole (ADR 0071): the list
    shows only `SIMILAR_FIELDS`, and a change to any of them names no parts
    (`signals.SHOWN_ELSEWHERE`), so a change to one service's own details keeps it. That
    saves the trigram query (4 ms of PostgreSQL's CPU on average at 100,000 services) each
    time a service's page is made again.
    """
    language = current_language()
    return pagecache.kept_until_whole_changes(
        PAGE_TOPIC,
        f"register:similar:{service.pk}:{language}:{limit}",
        lambda: _similar_services(service, limit=limit),
    )


def _similar_services(service: Service, *, limit: int) -> list[Service]:
    """What `similar_services` works out, without the cache.

    On PostgreSQL the `limit * 4` nearest names in the area are read from the area-and-names
    GiST index of migration 0020 (a large register has thousands of alike names in an area:
    scoring them all took most of the page's time), the alike ones kept and put in order of
    likeness and name; the list is topped up with the rest of the area in name order (by the
    area-and-name indexes).
    Elsewhere it is simply the area in name order. At most two queries either way: the
    second only when the first did not fill the list. Only what the list shows is read (the
    name, the ID and the body's name), not the whole service, its area or its search texts
    (ADR 0063).
    """
    name_field = f"name_{current_language()}"
    others = (
        published_services()
        .select_related(None)
        .select_related("organisation")
        .only(*SIMILAR_FIELDS)
        .exclude(organisation_id=service.organisation_id)
    )
    candidates = others.filter(service_area_id=service.service_area_id)
    batches: list[Iterable[Service]] = []
    if connection.vendor == "postgresql":
        name = fold_for_search(getattr(service, name_field))
        # Being alike enough (%>) is worked out for the nearest names, not filtered on: given
        # that condition, PostgreSQL would rather score every alike name than walk the index.
        # The nearest names are the alike ones, if any are. The area is compared as a bigint,
        # the column's own type, so that it is a condition of the area-and-names index
        # (migration 0020) and the walk stays inside the area (ADR 0076).
        in_area = others.filter(
            service_area_id=Cast(Value(service.service_area_id), BigIntegerField())
        )
        nearest = in_area.annotate(
            likeness=TrigramWordSimilarity(name, "search_names"),
            is_alike=ExpressionWrapper(
                Q(search_names__trigram_word_similar=name), output_field=BooleanField()
            ),
        ).order_by(NameDistance(F("search_names"), Value(name)))[: limit * 4]
        batches.append(
            sorted(
                (candidate for candidate in nearest if candidate.is_alike),
                key=lambda candidate: (-candidate.likeness, getattr(candidate, name_field)),
            )
        )
    batches.append(candidates.order_by(name_field)[: limit * 4])
    chosen: list[Service] = []
    bodies: set[int] = set()
    for batch in batches:
        if len(chosen) == limit:
            break  # the next batch is never read
        for candidate in batch:
            if len(chosen) < limit and candidate.organisation_id not in bodies:
                bodies.add(candidate.organisation_id)
                chosen.append(candidate)
    return chosen


HISTORY_LENGTH = 50


def service_history(service: Service, *, limit: int = HISTORY_LENGTH) -> list[ServiceChange]:
    """The latest changes to the service, newest first."""
    return list(service.changes.select_related("changed_by")[:limit])


# The changes a public feed tells of, and the fields anyone may read about (not the owner's
# contact details, which only the body's people and the centre see).
PUBLIC_CHANGE_KINDS = (ChangeKind.CREATED, ChangeKind.UPDATED, ChangeKind.PHASE, ChangeKind.RETIRED)
PUBLIC_CHANGE_FIELDS = frozenset(
    {name for name, declared in FIELDS_BY_NAME.items() if declared.public} | {"phase"}
)
CHANGE_FEED_LENGTH = 50


@dataclass(frozen=True)
class PublicChange:
    change: ServiceChange
    lines: list[dict[str, str]]  # the public fields' changes, in the reader's language


def public_register_changes(
    *, organisation: Organisation | None = None, limit: int = CHANGE_FEED_LENGTH
) -> list[PublicChange]:
    """The latest services added, changed, moved to another phase or retired, newest first,
    with only what anyone may read: a change to the owner's details alone is left out.

    One query. It reads three times `limit` changes and keeps the first `limit` that have
    something public to say, so a run of private changes can make the list shorter.
    """
    changes = ServiceChange.objects.filter(kind__in=PUBLIC_CHANGE_KINDS).select_related(
        "service__organisation"
    )
    if organisation is not None:
        changes = changes.filter(service__organisation=organisation)
    kept = []
    for change in changes.order_by("-changed_at", "-pk")[: limit * 3]:
        public_entries = [c for c in change.changes if c.get("field") in PUBLIC_CHANGE_FIELDS]
        if change.kind == ChangeKind.UPDATED and not public_entries:
            continue
        language = current_language()
        lines = [
            {
                "label": entry["label"].get(language, ""),
                "old": entry["old"].get(language, ""),
                "new": entry["new"].get(language, ""),
            }
            for entry in public_entries
        ]
        kept.append(PublicChange(change=change, lines=lines))
        if len(kept) == limit:
            break
    return kept


def editable_organisations(user: Any) -> QuerySet[Organisation]:
    """Bodies whose services the person may add and edit: all of them for centre staff."""
    language = current_language()
    if is_centre_staff(user):
        return Organisation.objects.order_by(f"name_{language}")
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__person=user, memberships__role__gte=Role.EDITOR
    ).order_by(f"name_{language}")


def measures_for(service: Service) -> QuerySet[Measure]:
    """Shared measures and the owning body's own, for recording a figure."""
    return Measure.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id=service.organisation_id)
    ).order_by("position", f"name_{current_language()}")


def service_added_by_form(token: Any) -> Service | None:
    """The service a create form's one-time token already added, if any (docs/adr/0018)."""
    if token is None:
        return None
    return Service.objects.filter(creation_token=token).first()


def reference_taken(*, organisation: Organisation, reference: str, service: Service | None) -> bool:
    """Whether another of the body's services has this reference (they are unique per body)."""
    others = Service.objects.filter(organisation=organisation, reference=reference)
    return others.exclude(pk=service.pk).exists() if service is not None else others.exists()


def past_imports(organisation: Organisation) -> QuerySet[SpreadsheetImport]:
    """The body's imports, newest first, without their files: who uploaded and applied each,
    when, the file's name and its counts (docs/adr/0047)."""
    return (
        SpreadsheetImport.objects.filter(organisation=organisation)
        .defer("file_data", "file_columns", "problems")
        .select_related("uploaded_by", "applied_by")
        .order_by("-uploaded_at", "-id")
    )


def import_dictionary() -> dict[str, Any]:
    """What the imports read, for the open data page (docs/adr/0047): every column of each
    kind of import with what to write in it, and every code list, in both languages."""
    return {
        "columns": {kind: dictionary.columns(kind) for kind in ("services", "metrics")},
        "code_lists": dictionary.code_lists(),
    }


def import_dictionary_csv(kind: str) -> bytes:
    """One kind of import's data dictionary as CSV (the file beside the CSV template)."""
    return dictionary.dictionary_csv(kind)


class _OutcomeRows(Sequence[dict[str, Any]]):
    """An import's preview (or summary) rows, as many as there are, read from the database a
    page at a time: what a `Paginator` needs (ADR 0055)."""

    def __init__(self, pk: int, field: str, total: int):
        self.pk, self.field, self.total = pk, field, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, _step = index.indices(self.total)
        if start >= stop:
            return []
        path = f"$[{start} to {stop - 1}]"
        return (
            SpreadsheetImport.objects.filter(pk=self.pk)
            .annotate(
                page=RawSQL(
                    f"jsonb_path_query_array({self.field} -> 'rows', %s::jsonpath)",
                    [path],
                    output_field=JSONField(),
                )
            )
            .values_list("page", flat=True)
            .get()
        )


def import_outcome(record: SpreadsheetImport) -> tuple[Sequence[dict[str, Any]], list[dict]]:
    """The rows of a checked import's preview (an applied one's summary), and those flagged as
    possible duplicates, for its page. The record's `preview` (or `summary`) is left holding
    everything but the rows.

    A preview of 10,000 changes is some 15 MB of JSON; on PostgreSQL the page asks the
    database for its length, the flagged rows and then one page of rows, rather than reading
    it all to show a hundred (ADR 0055). `record` must have been read with `preview` and
    `summary` deferred."""
    field = "summary" if record.status == ImportStatus.APPLIED else "preview"
    if connection.vendor != "postgresql":
        outcome = dict(getattr(record, field) or {})
        rows = outcome.pop("rows", [])
        setattr(record, field, outcome)
        flagged = [row for row in rows if row["action"] in ("duplicate", "skipped")]
        return rows, flagged
    column = connection.ops.quote_name(field)
    found = (
        SpreadsheetImport.objects.filter(pk=record.pk)
        .annotate(
            rest=RawSQL(f"{column} - 'rows'", [], output_field=JSONField()),
            total=RawSQL(
                f"COALESCE(jsonb_array_length({column} -> 'rows'), 0)",
                [],
                output_field=IntegerField(),
            ),
            flagged=RawSQL(
                f"COALESCE(jsonb_path_query_array({column} -> 'rows', "
                """'$[*] ? (@.action == "duplicate" || @.action == "skipped")'), '[]')""",
                [],
                output_field=JSONField(),
            ),
        )
        .values("rest", "total", "flagged")
        .get()
    )
    setattr(record, field, found["rest"])
    return _OutcomeRows(record.pk, column, found["total"]), found["flagged"]
