"""Register search: the one way to filter, search and order the register (ADR 0016, ADR 0029).

    results = search(filters)          # filters: a `ServiceFilters`
    results.count()                    # how many services match (counted at most once)
    results[0:20]                      # a page, in order: what Django's `Paginator` slices
    results.services                   # the whole ordered `QuerySet`, for downloads and the API

The reader's words are parsed once (`ParsedQuery`). Matching them is a backend's job, one per
database engine, behind one interface (`SearchBackend.match`):

- `PostgreSQLSearch`: full-text search of the words PostgreSQL stores for the folded texts
  (the model's `search_document_vector` and `search_names_vector`), names first; if nothing
  matches, each word no name starts with is corrected to the name words alike it (the
  `NameWord` dictionary, Welsh mutations included) and searched again; only if that finds
  nothing either, trigram likeness to the names forgives a typing slip.
- `FoldedTextSearch` (SQLite and any other database): every word must start a word of the
  folded text, names first.

Relevance is the same on every database: services whose names contain every word come first,
then those with the words only in a description, each group in name order (a search whose
slips were corrected too); names found by likeness alone are ranked by likeness. A service ID
finds its service. A search by words is counted up to `COUNTED_UP_TO` matches: past that, the
list says "more than". What was measured, and why each choice: ADR 0014, ADR 0016, ADR 0029
and ADR 0061.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from porth.core.language import current_language
from porth.core.welsh import Mutation, mutate, radical_forms
from porth.organisations.models import Organisation

from .expressions import NameDistance
from .models import Service, ServiceArea, ServiceChannel, fold_for_search, format_public_id
from .queries import published_services

SORTS = ("relevance", "name", "updated", "organisation")
PUBLIC_ID_PATTERN = re.compile(r"^\s*PS-?(\d+)\s*$", re.IGNORECASE)

TYPING_SLIP_SIMILARITY = 0.4
"""How alike (pg_trgm word similarity) a name must be to be offered when nothing matches."""
TYPING_SLIP_SCORE_ALL_UP_TO = 5_000
"""When the filters leave at most this many services, the typing-slip fallback scores them all."""
TYPING_SLIP_CANDIDATES = 500
"""Otherwise it scores only those of this many names nearest the words that the filters keep."""
RANKING_IN_TIERS_FROM = 2_000
"""From this many matches, a page sorted by relevance is read in tiers (`SearchResults`)."""
COUNTED_UP_TO = 2_000
"""A search by words is counted up to this many matches, and past it said to find "more than"
this many: counting every match of a common word read the whole service table (ADR 0061).
At least `RANKING_IN_TIERS_FROM`, so a capped count still tells when to read in tiers."""
WORD_LIKENESS = 0.3
"""How alike (pg_trgm similarity) a name word must be to a typed word to correct it to; also
pg_trgm's default `similarity_threshold`, which the dictionary's index answers for."""
CORRECTIONS_PER_WORD = 5
"""At most this many name words are tried for one typed word, the likeliest first."""


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


@dataclass(frozen=True)
class ParsedQuery:
    """The reader's search, parsed once: its folded words, or the service ID it names."""

    words: tuple[str, ...] = ()
    public_id: str | None = None

    @classmethod
    def parse(cls, text: str) -> "ParsedQuery":
        """Words are folded (case and accents, see `fold_for_search`); "PS-12" or "ps12"
        is a service ID."""
        words = tuple(re.findall(r"\w+", fold_for_search(text)))
        id_match = PUBLIC_ID_PATTERN.match(text)
        public_id = format_public_id(int(id_match[1])) if id_match and words else None
        return cls(words=words, public_id=public_id)

    @property
    def word_starts(self) -> tuple[str, ...]:
        """What each word must start a word of the text with: the word, less an English
        plural "s" ("potholes" finds "pothole"). Matching word starts, the shorter start
        already finds the plural too."""
        return tuple(
            word[:-1] if len(word) > 3 and word.endswith("s") else word for word in self.words
        )

    def __bool__(self) -> bool:
        return bool(self.words)


@dataclass
class Matches:
    """What a backend found: the services with a `relevance` (higher first), and what it
    learnt on the way that saves work later."""

    services: QuerySet[Service]
    count: int | None = None
    """How many match, counted up to `COUNTED_UP_TO + 1`, when the backend had to count them
    (None: not counted yet)."""
    names_first: QuerySet[Service] | None = None
    """The services whose names hold every word (relevance 1), when an index can walk them
    in name order (see `SearchResults.__getitem__`)."""


@runtime_checkable
class SearchBackend(Protocol):
    """Matches a parsed search within already filtered services, on one database engine."""

    def match(self, services: QuerySet[Service], query: ParsedQuery) -> Matches:
        """The services that match `query` (non-empty, not a service ID), with a relevance."""
        ...


class FoldedTextSearch:
    """Databases without full-text search (SQLite): every word must start a word of the
    folded search document; names holding every word rank first."""

    def match(self, services: QuerySet[Service], query: ParsedQuery) -> Matches:
        in_names = _every_word_in("search_names", query.word_starts)
        return Matches(
            services.filter(_every_word_in("search_document", query.word_starts)).annotate(
                relevance=Case(When(in_names, then=Value(1.0)), default=Value(0.0))
            )
        )


def _every_word_in(field_name: str, starts: tuple[str, ...]) -> Q:
    matches = Q()
    for start in starts:
        matches &= Q(**{f"{field_name}__contains": start})
    return matches


class PostgreSQLSearch:
    """Full-text search of the stored words; if nothing matches, the same search with each
    word no name starts with corrected to the name words alike it; only if that finds nothing
    either, trigram likeness to the names (ADR 0016, ADR 0061).

    Matching a stored `tsvector` costs next to nothing per row, so no plan parses text. The
    matches are counted, up to `COUNTED_UP_TO + 1`, not tested with `exists()`: PostgreSQL
    answers a count from the index, whereas the LIMIT 1 of `exists()` tempts it into reading
    the table (ADR 0014). The count is kept, so the paginator never counts a second time.

    A typed word is corrected from the `NameWord` dictionary (a few hundred to a few thousand
    words, found by its trigram index) rather than by comparing the typed phrase with every
    service's names: that walk read most of a GiST index, 0.35 s at 100,000 services on a quiet
    machine (ADR 0056). A Welsh word is also tried in the mutated and radical forms the
    dictionary holds ("treth" finds "dreth", "nhreth" finds "treth").

    The last resort scores every filtered service when the filters leave at most
    `TYPING_SLIP_SCORE_ALL_UP_TO`; otherwise only those among the `TYPING_SLIP_CANDIDATES`
    names nearest the words in the whole register (read nearest first from the GiST index of
    migration 0006), so two common words that never meet cost a bounded amount.
    """

    def match(self, services: QuerySet[Service], query: ParsedQuery) -> Matches:
        typed = _every_word_start(query.word_starts)
        matches = _full_text(services, typed)
        if matches is None:
            corrected = _corrected(query.word_starts)
            if corrected is not None:
                matches = _full_text(services, corrected)
        return matches or _alike_names(services, query)


def _every_word_start(starts: tuple[str, ...]) -> str:
    return " & ".join(f"{start}:*" for start in starts)


def _full_text(services: QuerySet[Service], raw: str) -> Matches | None:
    """The services whose words match the raw tsquery `raw`, names first; None if none do."""
    words = SearchQuery(raw, search_type="raw", config="simple")
    matched = services.filter(search_document_vector=words)
    count = matched.order_by()[: COUNTED_UP_TO + 1].count()
    if not count:
        return None
    return Matches(
        matched.annotate(
            relevance=Case(When(Q(search_names_vector=words), then=Value(1.0)), default=Value(0.0))
        ),
        count=count,
        names_first=services.filter(search_names_vector=words),
    )


# Per typed word: whether some name word starts with it, and the name words alike it. One
# statement for every word of the search. `%%` is pg_trgm's `%` (similar at least as much as
# `pg_trgm.similarity_threshold`, 0.3 unless changed), which the GIN trigram index answers.
_DICTIONARY_SQL = """
SELECT typed, NULL AS word, 1.0 AS likeness FROM unnest(%(typed)s::text[]) AS typed
WHERE EXISTS (SELECT 1 FROM register_nameword WHERE starts_with(word, typed))
UNION ALL
SELECT typed, alike.word, alike.likeness FROM unnest(%(typed)s::text[]) AS typed
CROSS JOIN LATERAL (
    SELECT word, similarity(word, typed) AS likeness FROM register_nameword
    WHERE word %% typed AND similarity(word, typed) >= %(likeness)s
    ORDER BY likeness DESC, word LIMIT %(per_word)s
) AS alike
UNION ALL
SELECT NULL, word, 1.0 FROM register_nameword WHERE word = ANY(%(forms)s::text[])
"""


_MUTATIONS: tuple[Mutation, ...] = ("soft", "nasal", "aspirate")


def _welsh_forms(word: str) -> set[str]:
    """The words `word` may be a mutation of, and their mutations: "treth" gives "dreth",
    "nhreth" and "threth"; "dreth" gives "treth" (and "nhreth" …)."""
    radicals = radical_forms(word)
    mutated = {mutate(radical, kind) for radical in radicals for kind in _MUTATIONS}
    return (radicals | mutated) - {word}


def _corrected(starts: tuple[str, ...]) -> str | None:
    """The raw tsquery of the search with each word of three or more letters that no name
    word starts with widened to the name words alike it and its Welsh forms that names hold;
    a word with neither is left out, unless it is the only one. None when nothing changes."""
    unknown = [start for start in dict.fromkeys(starts) if len(start) >= 3]
    if not unknown:
        return None
    forms = {start: _welsh_forms(start) for start in unknown}
    with connection.cursor() as cursor:
        cursor.execute(
            _DICTIONARY_SQL,
            {
                "typed": unknown,
                "likeness": WORD_LIKENESS,
                "per_word": CORRECTIONS_PER_WORD,
                "forms": sorted(set().union(*forms.values())),
            },
        )
        rows = cursor.fetchall()
    known = {typed for typed, word, _likeness in rows if typed is not None and word is None}
    alike: dict[str, list[tuple[float, str]]] = {}
    for typed, word, likeness in rows:
        if typed is not None and word is not None:
            alike.setdefault(typed, []).append((float(likeness), word))
    in_names = {word for typed, word, _likeness in rows if typed is None}
    parts, changed = [], False
    for start in starts:
        if start not in forms or start in known:
            parts.append(f"{start}:*")
            continue
        scored = alike.get(start, [])
        # The likeliest words, and those nearly as alike: "permitt" is "permit", not also
        # "permission".
        best = max((likeness for likeness, _word in scored), default=0.0)
        found = {word for likeness, word in scored if likeness >= best * 0.75}
        found |= forms[start] & in_names
        if found:
            parts.append("(" + " | ".join(f"{word}:*" for word in sorted({start, *found})) + ")")
        changed = True
    if not changed or not parts:
        return None
    return " & ".join(parts)


def _alike_names(services: QuerySet[Service], query: ParsedQuery) -> Matches:
    """The services whose names are alike the typed words (pg_trgm word similarity), ranked by
    likeness: the last resort, when no correction of the words matches either."""
    folded = " ".join(query.words)
    if services[: TYPING_SLIP_SCORE_ALL_UP_TO + 1].count() > TYPING_SLIP_SCORE_ALL_UP_TO:
        nearest = Service.objects.order_by(NameDistance(F("search_names"), Value(folded)))
        # Read once: as a subquery, the nearest-first walk of the GiST index (about 1 s at
        # 100,000 services) ran twice, for the count and again for the page (ADR 0056).
        candidates = list(nearest.values_list("pk", flat=True)[:TYPING_SLIP_CANDIDATES])
        services = services.filter(pk__in=candidates)
    return Matches(
        services.annotate(relevance=TrigramWordSimilarity(folded, "search_names")).filter(
            relevance__gte=TYPING_SLIP_SIMILARITY
        )
    )


def backend_for(vendor: str) -> SearchBackend:
    """The search backend for a database engine (`connection.vendor`)."""
    return PostgreSQLSearch() if vendor == "postgresql" else FoldedTextSearch()


class SearchResults:
    """The services a search found, in order: `count()` and slices for Django's `Paginator`,
    `services` for anything that reads every match (downloads, the API).

    A large search sorted by relevance (`RANKING_IN_TIERS_FROM` matches or more, when the
    backend offers `names_first`) reads a page without sorting every match: a common word
    matches tens of thousands of services. The page is first read from the first group (names
    holding every word) by walking the names in order through an index that also holds their
    words (migration 0007), which never touches the service rows; only the page's own services
    are then read. When the first group runs out part-way through a page, the rest comes from
    the second group, sorted as usual. Same pages as `services`, sliced (a test checks).
    """

    def __init__(self, filters: ServiceFilters, query: ParsedQuery, matches: Matches) -> None:
        self.filters = filters
        self.query = query
        self.services: QuerySet[Service] = matches.services.order_by(*_order(filters))
        self._count = matches.count
        self._names_first = matches.names_first

    def count(self) -> int:
        """How many services match, at most `COUNTED_UP_TO` for a search by words (see
        `more_than_counted`); counted once, and not at all when the backend has."""
        if self._count is None:
            if self.query:
                self._count = self.services.order_by()[: COUNTED_UP_TO + 1].count()
            else:
                self._count = self.services.count()
        return min(self._count, COUNTED_UP_TO) if self.query else self._count

    @property
    def more_than_counted(self) -> bool:
        """Whether more services match than `count()` says: a search by words stops counting
        after `COUNTED_UP_TO`, and only that many are paged through."""
        count = self.count()
        return self._count is not None and self._count > count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Service]:
        return iter(self.services)

    def __getitem__(self, index: int | slice) -> Service | list[Service]:
        if not isinstance(index, slice):
            return self.services[index]
        if self._reads_in_tiers():
            return self._page_in_tiers(*index.indices(self.count())[:2])
        return list(self.services[index])

    def _reads_in_tiers(self) -> bool:
        return (
            self._names_first is not None
            and self.filters.effective_sort == "relevance"
            and self.count() >= RANKING_IN_TIERS_FROM
        )

    def _page_in_tiers(self, start: int, stop: int) -> list[Service]:
        if start >= stop:
            return []
        assert self._names_first is not None
        name_order = self.services.query.order_by[1:]  # without "-relevance"
        page_ids = self._names_first.order_by(*name_order).values("pk")[start:stop]
        rows = list(
            published_services(include_retired=True)
            .filter(pk__in=page_ids)
            .annotate(relevance=Value(1.0))
            .order_by(*name_order)
        )
        if len(rows) == stop - start:
            return rows
        in_names = start + len(rows) if rows else self._names_first.count()
        rest = self.services.filter(relevance__lt=1)
        return rows + list(rest[max(0, start - in_names) : stop - in_names])


def search(filters: ServiceFilters) -> SearchResults:
    """The register filtered, searched and ordered as `filters` says: the one entry point."""
    services = _filtered(filters)
    query = ParsedQuery.parse(filters.query)
    if not query:
        matches = Matches(services.annotate(relevance=Value(0.0)))
    elif query.public_id:
        matches = Matches(services.filter(public_id=query.public_id).annotate(relevance=Value(1.0)))
    else:
        matches = backend_for(connection.vendor).match(services, query)
    return SearchResults(filters, query, matches)


def _order(filters: ServiceFilters) -> list[str]:
    language = current_language()
    return {
        "relevance": ["-relevance", f"name_{language}", "id"],
        "name": [f"name_{language}", "id"],
        "updated": ["-updated_at", "id"],
        "organisation": [f"organisation__name_{language}", f"name_{language}", "id"],
    }[filters.effective_sort]


def _of_organisations(slugs: list[str]) -> Q:
    """Services the bodies run, themselves or as partners, as IDs the database can look up.

    The bodies' IDs and their partnered services' IDs are read first (two small queries):
    given them, PostgreSQL reads the body's services from the `organisation_id` index and the
    partnered ones by primary key (a BitmapOr). Joined on the slugs with an `EXISTS` for the
    partners, as before, it read the whole register (a sequential scan of 100,000 services,
    about 34,000 pages) for every one-body list and download (ADR 0062).
    """
    bodies = list(Organisation.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    partnered = list(
        Service.partner_organisations.through.objects.filter(organisation_id__in=bodies)
        .values_list("service_id", flat=True)
        .distinct()
    )
    return Q(organisation_id__in=bodies) | Q(pk__in=partnered)


def _filtered(filters: ServiceFilters) -> QuerySet[Service]:
    """The register with the reader's filters applied, before any search."""
    services = published_services(include_retired=filters.include_retired)
    if filters.organisations:
        services = services.filter(_of_organisations(filters.organisations))
    if filters.body_types:
        services = services.filter(organisation__type__in=filters.body_types)
    if filters.areas:
        # The areas' ids, not a join on their codes: given the ids, PostgreSQL reads the area's
        # services from the (is_retired, service_area, name) indexes; given only codes, it
        # walked the whole register in name order (ADR 0014).
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
