"""The centre's public engagements and the way to ask for its help, in the sitemap
(porth.core.sitemaps finds this module)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import engagements_for


class EngagementPages(BilingualSitemap):
    """Engagements marked public; the others are for their partners and the centre."""

    def items(self) -> list[int]:
        return list(engagements_for(AnonymousUser()).values_list("pk", flat=True))

    def location(self, item: int) -> str:
        return reverse("engagements:engagement_detail", args=[item])


SITEMAPS = {
    "engagements": NamedPages("engagements:engagement_list"),
    "engagement-pages": EngagementPages(),
}
