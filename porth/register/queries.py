"""Reads of the register for pages, exports and the API. Each makes a fixed number of queries.

`open_data` and the dashboard build on `published_services()` and `search_services()`.
"""

import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from porth.core.language import current_language
from porth.core.permissions import Role, is_centre_staff
from porth.organisations.models import Organisation

from .models import (
    Measure,
    MetricValue,
    Service,
    ServiceArea,
    ServiceChange,
    ServiceChannel,
    fold_for_search,
    format_public_id,
)

SORTS = ("relevance", "name", "updated", "organisation")
TYPING_SLIP_SIMILARITY = 0.4
"""How alike (pg_trgm word similarity) a name must be to be offered when nothing matches."""
PUBLIC_ID_PATTERN = re.compile(r"^\s*PS-?(\d+)\s*$", re.IGNORECASE)


@dataclass
class ServiceFilters:
    """What a reader asked the register for. Lists hold codes or slugs; empty means "any"."""

    query: str = ""
    organisations: list[str] = field(default_factory=list)
    body_types: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    welsh: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    include_retired: bool = False
    sort: str = ""

    @property
    def effective_sort(self) -> str:
        """Relevance when searching, else by name, unless the reader chose otherwise."""
        if self.sort in SORTS and (self.sort != "relevance" or self.query.strip()):
            return self.sort
        return "relevance" if self.query.strip() else "name"


def published_services(*, include_retired: bool = False) -> QuerySet[Service]:
    """Services the public register shows, with what a list row needs already joined."""
    services = Service.objects.select_related("organisation", "service_area")
    return services if include_retired else services.current()


def _search_words(query: str) -> list[str]:
    return re.findall(r"\w+", fold_for_search(query))


def _word_start(word: str) -> str:
    """What a search word must start a word of the text with: the word, less an English plural
    "s" ("potholes" finds "pothole"). Every search matches word starts, so the shorter start
    already finds the plural too."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _every_word_in(field_name: str, words: list[str]) -> Q:
    """Every word appears in the folded text field (databases without full-text search)."""
    matches = Q()
    for word in words:
        matches &= Q(**{f"{field_name}__contains": _word_start(word)})
    return matches


def _words_query(words: list[str]) -> SearchQuery:
    """PostgreSQL's query for the words: each must start a word of the text ('simple'
    configuration, so Welsh and English are treated alike)."""
    return SearchQuery(
        " & ".join(f"{_word_start(word)}:*" for word in words), search_type="raw", config="simple"
    )


class StoredWordsMatch(Func):
    """Whether the words PostgreSQL stores for one of the folded search texts
    (`search_document` or `search_names`, in the column named after it with `_vector`, made in
    migration 0007) match a search: matching stored words costs next to nothing per row,
    parsing the text on every row did not (PostgreSQL only).

    The model does not know those columns, so the column's name is written from the text's,
    which keeps whatever alias the query gives the table.
    """

    output_field = BooleanField()

    def __init__(self, text_field: str, words: SearchQuery) -> None:
        super().__init__(F(text_field), words)

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        text, text_params = compiler.compile(self.source_expressions[0])
        words, words_params = compiler.compile(self.source_expressions[1])
        return f'{text[:-1]}_vector" @@ {words}', [*text_params, *words_params]


class _NameDistance(Func):
    """`search_names <->> name`: one minus the word similarity of `name` to the service's
    names, written with the column first so that the GiST trigram index of migration 0006 can
    hand rows over nearest first (PostgreSQL only)."""

    arg_joiner = " <->> "
    template = "%(expressions)s"
    output_field = FloatField()


TYPING_SLIP_SCORE_ALL_UP_TO = 5_000
"""When the filters leave at most this many services, the typing-slip fallback scores them all."""
TYPING_SLIP_CANDIDATES = 500
"""Otherwise it scores only those of this many names nearest the words that the filters keep."""


def _apply_search(services: QuerySet[Service], query: str) -> tuple[QuerySet[Service], int | None]:
    """Match the words of `query` in either language; with how many match, when that had to be
    counted on the way (so the list need not count them again).

    Relevance is the same everywhere: services whose names contain every word come first (1),
    then those that have the words only in their descriptions (0); `search_services` puts each
    group in name order. PostgreSQL: full-text search of the words it stores for the search
    texts (migration 0007), so neither matching nor ranking parses text on every row. Only if
    nothing matches, trigram word similarity with the names forgives typing slips, ranked by
    how alike they are. Scoring every name that shares a few trigrams took up to a second for
    two common words that never appear together, so when the filters leave many services only
    those among the `TYPING_SLIP_CANDIDATES` names nearest the words in the whole register
    are scored, read nearest first from the GiST index of migration 0006 (walking it until
    enough names passed the filters took up to half a second when the nearest names were in
    other areas); when the filters leave few, those few are all scored.
    Elsewhere: every word must appear in the search document. Both fold case and accents (see
    `fold_for_search`). A service ID finds its service.
    """
    words = _search_words(query)
    if not words:
        return services.annotate(relevance=Value(0.0)), None
    id_match = PUBLIC_ID_PATTERN.match(query)
    if id_match:
        return services.filter(public_id=format_public_id(int(id_match[1]))).annotate(
            relevance=Value(1.0)
        ), None
    if connection.vendor != "postgresql":
        in_names = _every_word_in("search_names", words)
        return services.filter(_every_word_in("search_document", words)).annotate(
            relevance=Case(When(in_names, then=Value(1.0)), default=Value(0.0))
        ), None
    words_query = _words_query(words)
    matched = services.filter(StoredWordsMatch("search_document", words_query))
    # A full count, not exists(): PostgreSQL answers it from the index, whereas the LIMIT 1
    # of exists() tempts it into reading the table (over a second for a common word that
    # the filters rule out, measured at 100,000 services). The list's pages reuse the count.
    count = matched.count()
    if count:
        return matched.annotate(
            relevance=Case(
                When(StoredWordsMatch("search_names", words_query), then=Value(1.0)),
                default=Value(0.0),
            )
        ), count
    folded = " ".join(words)
    if services[: TYPING_SLIP_SCORE_ALL_UP_TO + 1].count() > TYPING_SLIP_SCORE_ALL_UP_TO:
        nearest = Service.objects.order_by(_NameDistance(F("search_names"), Value(folded)))
        services = services.filter(pk__in=nearest.values("pk")[:TYPING_SLIP_CANDIDATES])
    return services.annotate(relevance=TrigramWordSimilarity(folded, "search_names")).filter(
        relevance__gte=TYPING_SLIP_SIMILARITY
    ), None


def search_services(filters: ServiceFilters) -> QuerySet[Service]:
    """The register filtered, searched and sorted as `filters` says (not yet paginated)."""
    return search_services_with_count(filters)[0]


def search_services_with_count(filters: ServiceFilters) -> tuple[QuerySet[Service], int | None]:
    """`search_services`, with how many services match when the search had to count them
    (on PostgreSQL, to decide whether to forgive typing slips): the list then does not count
    tens of thousands of matches a second time. None means "count them yourself"."""
    return _searched(filters, _filtered_services(filters))


def _filtered_services(filters: ServiceFilters) -> QuerySet[Service]:
    """The register with the reader's filters applied, before any search."""
    services = published_services(include_retired=filters.include_retired)
    if filters.organisations:
        services = services.filter(
            Q(organisation__slug__in=filters.organisations)
            | Exists(
                Service.partner_organisations.through.objects.filter(
                    service=OuterRef("pk"), organisation__slug__in=filters.organisations
                )
            )
        )
    if filters.body_types:
        services = services.filter(organisation__type__in=filters.body_types)
    if filters.areas:
        # The areas' ids, not a join on their codes: given the ids, PostgreSQL reads the area's
        # services from the (is_retired, service_area, name) indexes; given only codes, it
        # walked the whole register in name order (over a second for a search of one area).
        area_ids = list(
            ServiceArea.objects.filter(code__in=filters.areas).values_list("pk", flat=True)
        )
        services = services.filter(service_area_id__in=area_ids)
    if filters.phases:
        services = services.filter(phase__in=filters.phases)
    if filters.welsh:
        services = services.filter(welsh_availability__in=filters.welsh)
    if filters.channels:
        services = services.filter(
            Exists(
                ServiceChannel.objects.filter(service=OuterRef("pk"), channel__in=filters.channels)
            )
        )
    if filters.users:
        services = services.filter(
            Exists(
                Service.users_served.through.objects.filter(
                    service=OuterRef("pk"), usergroup__code__in=filters.users
                )
            )
        )
    return services


def _searched(
    filters: ServiceFilters, services: QuerySet[Service]
) -> tuple[QuerySet[Service], int | None]:
    """The filtered services searched and put in the reader's order (the list also needs the
    filtered services on their own, to read the names-first group of a large search)."""
    services, count = _apply_search(services, filters.query)
    language = current_language()
    order = {
        "relevance": ["-relevance", f"name_{language}", "id"],
        "name": [f"name_{language}", "id"],
        "updated": ["-updated_at", "id"],
        "organisation": [f"organisation__name_{language}", f"name_{language}", "id"],
    }[filters.effective_sort]
    return services.order_by(*order), count


RANKING_IN_TIERS_FROM = 2_000
"""From this many matches, the list reads a page of a search by relevance in tiers (see
`RelevancePages`): sorting 2,000 matches costs a few milliseconds, 50,000 costs a hundred."""


class RelevancePages:
    """A large search's results, for the list's paginator, in exactly `search_services`' order
    but without reading and sorting every match for every page (PostgreSQL only).

    Services whose names contain every word come first, in name order, then the others in
    name order. A common word ("apply", "gwneud") matches tens of thousands of services, and
    reading them all to sort them took 50-200 ms at 100,000 services. So a page is first read
    from the first group by walking the names in order through an index that also holds their
    words (migration 0007), which never touches the service rows; only the page's own services
    are then read. When the first group runs out part-way through a page, the rest comes from
    the second group, sorted as usual: a word that is mostly in descriptions.
    """

    def __init__(
        self, ranked: QuerySet[Service], names_match: QuerySet[Service], count: int
    ) -> None:
        self.ranked = ranked
        self.names_match = names_match
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, page: slice) -> list[Service]:
        start, stop, _ = page.indices(self._count)
        if start >= stop:
            return []
        name_order = self.ranked.query.order_by[1:]  # without "-relevance"
        page_ids = self.names_match.order_by(*name_order).values("pk")[start:stop]
        rows = list(
            published_services(include_retired=True)
            .filter(pk__in=page_ids)
            .annotate(relevance=Value(1.0))
            .order_by(*name_order)
        )
        if len(rows) == stop - start:
            return rows
        in_names = start + len(rows) if rows else self.names_match.count()
        rest = self.ranked.filter(relevance__lt=1)
        return rows + list(rest[max(0, start - in_names) : stop - in_names])


def services_for_list(
    filters: ServiceFilters,
) -> tuple[QuerySet[Service] | RelevancePages, int | None]:
    """What the register list pages through, and its count when already known: a large search
    sorted by relevance comes as `RelevancePages`, anything else as `search_services` gives it."""
    filtered = _filtered_services(filters)
    services, count = _searched(filters, filtered)
    if (
        count is not None
        and count >= RANKING_IN_TIERS_FROM
        and filters.effective_sort == "relevance"
    ):
        words_query = _words_query(_search_words(filters.query))
        names_match = filtered.filter(StoredWordsMatch("search_names", words_query))
        return RelevancePages(services, names_match, count), count
    return services, count


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


@dataclass
class MetricSeries:
    """One measure's figures for a service, oldest first, for a chart and its table."""

    measure: Measure
    period_type: str
    figures: list[MetricValue]

    @property
    def latest(self) -> MetricValue:
        return self.figures[-1]


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
    for figure in figures:
        key = (figure.measure_id, figure.period_type)
        if key not in grouped:
            grouped[key] = MetricSeries(figure.measure, figure.period_type, [])
        grouped[key].figures.append(figure)
    return list(grouped.values())


def similar_services(service: Service, *, limit: int = 5) -> list[Service]:
    """Services in the same area run by other bodies, one per body, most alike by name first,
    so teams doing the same thing can find each other.

    On PostgreSQL the `limit * 4` nearest names are read from the trigram GiST index of
    migration 0006 (a large register has thousands of alike names in an area: scoring them all
    took most of the page's time), the alike ones kept and put in order of likeness and name;
    the list is topped up with the rest of the area in name order (by the area-and-name indexes).
    Elsewhere it is simply the area in name order. A fixed number of queries either way.
    """
    name_field = f"name_{current_language()}"
    candidates = (
        published_services()
        .filter(service_area_id=service.service_area_id)
        .exclude(organisation_id=service.organisation_id)
    )
    batches: list[Iterable[Service]] = []
    if connection.vendor == "postgresql":
        name = fold_for_search(getattr(service, name_field))
        # Being alike enough (%>) is worked out for the nearest names, not filtered on: given
        # that condition, PostgreSQL would rather score every alike name than walk the index.
        # The nearest names are the alike ones, if any are.
        nearest = candidates.annotate(
            likeness=TrigramWordSimilarity(name, "search_names"),
            is_alike=ExpressionWrapper(
                Q(search_names__trigram_word_similar=name), output_field=BooleanField()
            ),
        ).order_by(_NameDistance(F("search_names"), Value(name)))[: limit * 4]
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
        for candidate in batch:
            if len(chosen) < limit and candidate.organisation_id not in bodies:
                bodies.add(candidate.organisation_id)
                chosen.append(candidate)
    return chosen


HISTORY_LENGTH = 50


def service_history(service: Service, *, limit: int = HISTORY_LENGTH) -> list[ServiceChange]:
    """The latest changes to the service, newest first."""
    return list(service.changes.select_related("changed_by")[:limit])


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
