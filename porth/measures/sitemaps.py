"""The public success measures dashboard and each public measure, in the sitemap
(porth.core.sitemaps finds this module). Measures only centre staff see stay out."""

from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .registry import measures


class MeasurePages(BilingualSitemap):
    def items(self) -> list[str]:
        return [measure.key for measure in measures(public_only=True)]

    def location(self, item: str) -> str:
        return reverse("measures:measure_detail", args=[item])


SITEMAPS = {"measures": NamedPages("measures:dashboard"), "measure-pages": MeasurePages()}
