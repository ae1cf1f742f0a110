"""Communities of practice whose pages anyone may read, in the sitemap (porth.core.sitemaps
finds this module). Members-only communities stay out: their pages ask visitors to sign in."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import all_communities, can_read


class CommunityPages(BilingualSitemap):
    def items(self) -> list[str]:
        anyone = AnonymousUser()
        return [c.slug for c in all_communities() if can_read(anyone, c)]

    def location(self, item: str) -> str:
        return reverse("communities:community_detail", args=[item])


SITEMAPS = {
    "communities": NamedPages("communities:community_list"),
    "community-pages": CommunityPages(),
}
