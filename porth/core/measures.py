"""How an app declares a success measure (ADR 0038, docs/architecture.md "Declaring a measure").

Each app lists its measures in `porth/<app>/measures.py` as `MEASURES = [Measure(...), ...]`.
The measures app finds those modules through Django's app registry, the way the admin finds
`admin.py`, so it never imports a domain app and a new app adds measures without touching it.
The types live here, in core, because every domain app may import core and core imports none.

A measure is worked out *at a date* from dated records (`compute(on, scope)`), so the worker can
take a monthly snapshot and also recompute the whole history. Names and definitions are paired
`_en`/`_cy` text, read with `localised()`, so the API and the CSV carry both languages.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils import timezone

from .language import localised


class Direction(StrEnum):
    """Which way is good."""

    UP = "up"
    DOWN = "down"


class Unit(StrEnum):
    """How a value reads: a count of things, or a percentage (0 to 100)."""

    COUNT = "count"
    PERCENT = "percent"


@dataclass(frozen=True)
class Scope:
    """Which bodies to count: `organisations` is a set of organisation slugs, None for all.

    The measures app turns its filters (body type, region) into slugs; a measure narrows its
    records with `scope.narrow(records, "organisation")`.
    """

    organisations: frozenset[str] | None = None

    @property
    def is_everyone(self) -> bool:
        return self.organisations is None

    def includes(self, slug: str) -> bool:
        """Whether the body with this slug is counted."""
        return self.organisations is None or slug in self.organisations

    def narrow(self, records: Any, path: str) -> Any:
        """`records` filtered to this scope's bodies; `path` leads to the organisation."""
        if self.organisations is None:
            return records
        return records.filter(**{f"{path}__slug__in": sorted(self.organisations)})


EVERYONE = Scope()


@dataclass(frozen=True)
class Part:
    """One line of a breakdown (one standard, one phase): shown in the measure's table."""

    key: str
    label_en: str
    label_cy: str
    value: float | None
    counted: int | None = None
    total: int | None = None

    @property
    def label(self) -> str:
        return localised(self, "label")


@dataclass(frozen=True)
class Reading:
    """A measure's value at a date. `counted` of `total` is its coverage (41 of 54 bodies);
    `parts` an optional breakdown. `value` None means there was nothing to count."""

    value: float | None
    counted: int | None = None
    total: int | None = None
    parts: tuple[Part, ...] = ()


def percent(counted: int, total: int) -> Reading:
    """`counted` as a share of `total`, with that coverage; no value when `total` is 0."""
    value = round(100 * counted / total, 1) if total else None
    return Reading(value=value, counted=counted, total=total)


@dataclass(frozen=True)
class Measure:
    """One success measure, declared by the app whose records it reads.

    `key` is unique across apps and never changes (snapshots and targets are stored by it):
    start it with the app's label. `coverage_en`/`_cy` are sentences with `{counted}` and
    `{total}`, whole in each language (no pieces glued together). A measure whose data does not
    exist yet is declared with `compute=None` and a reason in `unavailable_en`/`_cy`.

    `compute_scopes`, optional, gives the same readings for many scopes at once, in their
    order: the worker stores every body type and every region for each date, and a measure that
    counts by body can read its records once and add them up for each scope (ADR 0060). It must
    agree with `compute` for every scope; where it is missing or fails, `compute` is used.
    """

    key: str
    source: str
    name_en: str
    name_cy: str
    definition_en: str
    definition_cy: str
    unit: Unit
    direction: Direction
    public: bool
    compute: Callable[[datetime.date, Scope], Reading] | None
    compute_scopes: Callable[[datetime.date, Sequence[Scope]], Sequence[Reading]] | None = None
    compute_dates: (
        Callable[[Sequence[datetime.date], Sequence[Scope]], Sequence[Sequence[Reading]]] | None
    ) = None
    coverage_en: str = ""
    coverage_cy: str = ""
    unavailable_en: str = ""
    unavailable_cy: str = ""
    order: int = 100
    tags: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def definition(self) -> str:
        return localised(self, "definition")

    @property
    def unavailable_reason(self) -> str:
        return localised(self, "unavailable")

    @property
    def is_available(self) -> bool:
        return self.compute is not None

    def coverage_text(self, reading: Reading | None, language: str | None = None) -> str:
        """ "41 of 54 bodies signed off", in the page's language (or `language`)."""
        if reading is None or reading.total is None or reading.counted is None:
            return ""
        template = (
            getattr(self, f"coverage_{language}") if language else localised(self, "coverage")
        )
        if not template:
            return ""
        return template.format(counted=reading.counted, total=reading.total)


def month_starts(*, months: int, today: datetime.date) -> list[datetime.date]:
    """The first day of each of the last `months` months, oldest first, ending with today's."""
    index = today.year * 12 + today.month - 1
    return [
        datetime.date((index - back) // 12, (index - back) % 12 + 1, 1)
        for back in reversed(range(months))
    ]


def end_of(on: datetime.date) -> datetime.datetime:
    """The last moment of the day `on` (aware), for `created_at <= end_of(on)` lookups."""
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
