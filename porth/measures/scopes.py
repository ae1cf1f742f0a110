"""Which bodies a dashboard counts: all of them, one type of body, one region, or both.

Organisations hold no region, so the measures app keeps its own list (`data/regions.csv`: the
four regions of Wales, by organisation slug; national bodies belong to none). A scope is
turned into the set of organisation slugs that `porth.core.measures.Scope` carries.
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from porth.core.measures import EVERYONE, Scope
from porth.organisations.models import OrganisationType
from porth.organisations.queries import organisations_for_list

REGIONS = {
    "north": _("North Wales"),
    "mid": _("Mid Wales"),
    "south_west": _("South West Wales"),
    "south_east": _("South East Wales"),
}
REGIONS_FILE = Path(__file__).parent / "data" / "regions.csv"


@functools.cache
def region_members() -> dict[str, frozenset[str]]:
    with REGIONS_FILE.open(encoding="utf-8") as rows:
        members: dict[str, set[str]] = {}
        for row in csv.DictReader(rows):
            members.setdefault(row["region"], set()).add(row["slug"])
    return {region: frozenset(slugs) for region, slugs in members.items()}


@dataclass(frozen=True)
class Filters:
    """What the dashboard's filter form chose; empty strings mean "all"."""

    body_type: str = ""
    region: str = ""

    @property
    def is_everyone(self) -> bool:
        return not self.body_type and not self.region

    @property
    def key(self) -> str:
        """How snapshots name this scope: "", "type:<code>", "region:<code>"; "" joined for
        both (a combination is worked out live, never stored)."""
        if self.body_type and self.region:
            return f"type:{self.body_type}+region:{self.region}"
        if self.body_type:
            return f"type:{self.body_type}"
        if self.region:
            return f"region:{self.region}"
        return ""

    @property
    def query(self) -> str:
        """The filters as a query string for links and downloads: the chosen ones only, so a
        filter that was not on the list is never passed on to the API (which refuses it)."""
        return urlencode(
            [
                (name, value)
                for name, value in (("body_type", self.body_type), ("region", self.region))
                if value
            ]
        )

    @property
    def is_stored(self) -> bool:
        """Whether the worker keeps snapshots for this scope (one filter at a time)."""
        return not (self.body_type and self.region)

    def scope(self) -> Scope:
        if self.is_everyone:
            return EVERYONE
        slugs: set[str] | None = None
        if self.body_type:
            slugs = set(organisations_for_list(type=self.body_type).values_list("slug", flat=True))
        if self.region:
            in_region = set(region_members().get(self.region, frozenset()))
            slugs = in_region if slugs is None else slugs & in_region
        return Scope(organisations=frozenset(slugs or ()))


def stored_filters() -> list[Filters]:
    """Every scope the worker takes snapshots for: everyone, each type, each region."""
    return [
        Filters(),
        *(Filters(body_type=code) for code in OrganisationType.values),
        *(Filters(region=code) for code in REGIONS),
    ]
