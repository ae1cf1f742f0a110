"""Every live, public Wagtail page in the sitemap: content pages, the manual, the blog.

porth.core.sitemaps finds this module. A page and its translation share a `translation_key`;
each is listed under its own address (slugs differ by language) with the other as its
alternate. A page not yet translated is listed in its one language. A page type that only
redirects elsewhere says `in_sitemap = False`; its target is listed by its own app.
"""

import datetime
from typing import Any

from django.utils.translation import get_language
from wagtail.models import Page

from porth.core.sitemaps import BilingualSitemap


class WagtailPages(BilingualSitemap):
    def items(self) -> list[dict[str, Any]]:
        pages = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .order_by("path")
            .only(
                "url_path",
                "translation_key",
                "last_published_at",
                "locale__language_code",
                "content_type_id",
            )
        )
        groups: dict[Any, dict[str, Any]] = {}
        for page in pages:
            if not getattr(page.specific_class, "in_sitemap", True):
                continue
            group = groups.setdefault(page.translation_key, {"urls": {}, "lastmod": None})
            url = page.get_url()
            if url:
                group["urls"][page.locale.language_code] = url
            if page.last_published_at and (
                group["lastmod"] is None or page.last_published_at > group["lastmod"]
            ):
                group["lastmod"] = page.last_published_at
        return [group for group in groups.values() if group["urls"]]

    def get_languages_for_item(self, item: dict[str, Any]) -> list[str]:
        return [language for language in self.languages if language in item["urls"]]

    def location(self, item: dict[str, Any]) -> str:
        return item["urls"][get_language()]

    def lastmod(self, item: dict[str, Any]) -> datetime.datetime | None:
        return item["lastmod"]


SITEMAPS = {"pages": WagtailPages()}
