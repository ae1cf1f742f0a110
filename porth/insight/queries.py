"""What centre staff read about the audience: top pages, the Welsh share, and pages whose
Welsh views are low against their English ones. A fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import PageViewDay

LOW_WELSH_MIN_VIEWS = 20
"""A page needs this many views in the period before its Welsh share is judged."""
LOW_WELSH_SHARE = 10.0
"""Below this percentage of Welsh views, a page is listed as low."""


@dataclass(frozen=True)
class PageRow:
    path: str
    english: int
    welsh: int

    @property
    def total(self) -> int:
        return self.english + self.welsh

    @property
    def welsh_share(self) -> float:
        return round(100 * self.welsh / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class Audience:
    since: datetime.date
    until: datetime.date
    english: int
    welsh: int
    top_pages: list[PageRow]
    low_welsh: list[PageRow]
    referrers: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return self.english + self.welsh

    @property
    def welsh_share(self) -> float | None:
        return round(100 * self.welsh / self.total, 1) if self.total else None


def _rows(days) -> list[PageRow]:
    rows = (
        days.order_by()
        .values("path")
        .annotate(
            english=Sum("views", filter=Q(language="en"), default=0),
            welsh=Sum("views", filter=Q(language="cy"), default=0),
        )
    )
    return [PageRow(path=r["path"], english=r["english"], welsh=r["welsh"]) for r in rows]


def audience(*, days: int = 30, today: datetime.date | None = None, top: int = 20) -> Audience:
    until = today or timezone.localdate()
    since = until - datetime.timedelta(days=days - 1)
    period = PageViewDay.objects.filter(day__gte=since, day__lte=until)
    pages = _rows(period)
    english = sum(p.english for p in pages)
    welsh = sum(p.welsh for p in pages)
    top_pages = sorted(pages, key=lambda p: (-p.total, p.path))[:top]
    low = sorted(
        (p for p in pages if p.total >= LOW_WELSH_MIN_VIEWS and p.welsh_share < LOW_WELSH_SHARE),
        key=lambda p: (p.welsh_share, -p.total, p.path),
    )[:top]
    referrers = list(
        period.exclude(referrer_domain="")
        .order_by()
        .values_list("referrer_domain")
        .annotate(total=Sum("views"), rows=Count("pk"))
        .order_by("-total", "referrer_domain")
        .values_list("referrer_domain", "total")[:top]
    )
    return Audience(
        since=since,
        until=until,
        english=english,
        welsh=welsh,
        top_pages=top_pages,
        low_welsh=low,
        referrers=referrers,
    )


def welsh_share_between(since: datetime.date, until: datetime.date) -> tuple[int, int]:
    """(Welsh views, all views) for the days from `since` to `until`."""
    totals = PageViewDay.objects.filter(day__gte=since, day__lte=until).aggregate(
        welsh=Sum("views", filter=Q(language="cy"), default=0), total=Sum("views", default=0)
    )
    return totals["welsh"], totals["total"]
