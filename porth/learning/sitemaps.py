"""The course catalogue and each session anyone may open, in the sitemap (porth.core.sitemaps
finds this module)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import CatalogueFilters, catalogue


class SessionPages(BilingualSitemap):
    """Sessions the catalogue shows an anonymous visitor: published and still to come."""

    def items(self) -> list[int]:
        sessions = catalogue(filters=CatalogueFilters(), user=AnonymousUser())
        return list(sessions.values_list("pk", flat=True))

    def location(self, item: int) -> str:
        return reverse("learning:session_detail", args=[item])


SITEMAPS = {
    "learning": NamedPages("learning:catalogue"),
    "learning-sessions": SessionPages(),
}
