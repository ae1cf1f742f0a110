"""The advisory and apprentice panels' public pages, in the sitemap (porth.core.sitemaps finds
this module)."""

from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import all_panels


class PanelPages(BilingualSitemap):
    def items(self) -> list[str]:
        return list(all_panels().values_list("slug", flat=True))

    def location(self, item: str) -> str:
        return reverse("panels:panel_detail", args=[item])


SITEMAPS = {"panels": NamedPages("panels:panel_list"), "panel-pages": PanelPages()}
