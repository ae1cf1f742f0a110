"""The register's public pages in the sitemap (porth.core.sitemaps finds this module)."""

import datetime

from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import published_services


class ServicePages(BilingualSitemap):
    """Each service the public register shows, with the date it last changed.

    Read as (public ID, updated at) pairs, not model instances: at 100,000 services the
    sitemap holds 200,000 addresses in pages of 50,000 (`limit`).
    """

    def items(self) -> list[tuple[str, datetime.datetime]]:
        return list(
            published_services().order_by("public_id").values_list("public_id", "updated_at")
        )

    def location(self, item: tuple[str, datetime.datetime]) -> str:
        return reverse("register:service_detail", args=[item[0]])

    def lastmod(self, item: tuple[str, datetime.datetime]) -> datetime.datetime:
        return item[1]


SITEMAPS = {
    "register": NamedPages("register:service_list"),
    "services": ServicePages(),
}
