"""One search box for the whole site: each app answers for its own content (ADR 0049).

Core knows no domain app. An app that has something to find writes
`porth/<app>/site_search.py` with `SEARCH = SearchSource(key=..., order=..., find=...)`;
`find(query)` returns a `SearchGroup` (a heading, the first few results, how many there are
and a link to the app's own fuller search) or None. Core finds those modules at run time, as
it finds `sitemaps.py`, and the page `/<lang>/search/?q=` shows each group in order. Every
`find` runs in the reader's language and shows only what the public may see.
"""

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

RESULTS_PER_GROUP = 5
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class SearchGroup:
    heading: str
    results: list[SearchResult]
    count: int
    more_url: str = ""
    more_text: str = ""
    more_than_counted: bool = False
    """The source stopped counting at `count`: more than that match (the register, ADR 0061)."""


@dataclass(frozen=True)
class SearchSource:
    key: str
    find: Callable[[str], SearchGroup | None]
    order: int = 100


@dataclass
class SiteSearch:
    query: str
    groups: list[SearchGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def sources() -> list[SearchSource]:
    """Every installed app's `SEARCH`, in order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("porth.") or config.name == __package__:
            continue
        name = f"{config.name}.site_search"
        if importlib.util.find_spec(name) is None:
            continue
        source = getattr(importlib.import_module(name), "SEARCH", None)
        if source is not None:
            found.append(source)
    return sorted(found, key=lambda source: (source.order, source.key))


def search_site(query: str) -> SiteSearch:
    """Ask every source; leave out those with nothing to show."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    result = SiteSearch(query=query)
    if not query:
        return result
    for source in sources():
        group = source.find(query)
        if group is not None and group.count:
            result.groups.append(group)
    return result
