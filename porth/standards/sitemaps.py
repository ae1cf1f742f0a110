"""The standards' public pages in the sitemap (porth.core.sitemaps finds this module).

The manual's pages are Wagtail pages, listed with every other page by `porth.pages.sitemaps`.
"""

import datetime

from django.http import QueryDict
from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import current_standard_set, published_reports, report_filters


class StandardPages(BilingualSitemap):
    """Each standard of the current set."""

    def items(self) -> list[int]:
        standard_set = current_standard_set()
        if standard_set is None:
            return []
        return list(standard_set.standards.order_by("number").values_list("number", flat=True))

    def location(self, item: int) -> str:
        return reverse("standards:standard_detail", args=[item])


class ReviewReportPages(BilingualSitemap):
    """Each published review report: only those the public may read."""

    def items(self) -> list[tuple[int, datetime.datetime | None]]:
        reports = published_reports(report_filters(QueryDict()))
        return list(reports.order_by("pk").values_list("pk", "published_at"))

    def location(self, item: tuple[int, datetime.datetime | None]) -> str:
        return reverse("standards:review_detail", args=[item[0]])

    def lastmod(self, item: tuple[int, datetime.datetime | None]) -> datetime.datetime | None:
        return item[1]


SITEMAPS = {
    "standards": NamedPages(
        "standards:standard_list", "standards:statistics", "standards:review_report_list"
    ),
    "standard-pages": StandardPages(),
    "review-reports": ReviewReportPages(),
}
