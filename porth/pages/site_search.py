"""Wagtail pages in the site-wide search: content pages, the manual, the blog, in the reader's
language (porth.core.site_search finds this module).

Every word must be in the page's title, SEO title or search description. Wagtail's own search
index is not used: it is empty until `update_index` runs, and seeding does not fill it, so
results would depend on a command a deployer may not have run.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from porth.core.language import current_language
from porth.core.site_search import RESULTS_PER_GROUP, SearchGroup, SearchResult, SearchSource


def find(query: str) -> SearchGroup:
    pages = (
        Page.objects.live().public().filter(depth__gt=2, locale__language_code=current_language())
    )
    for word in query.split():
        pages = pages.filter(
            Q(title__icontains=word)
            | Q(seo_title__icontains=word)
            | Q(search_description__icontains=word)
        )
    count = pages.count()
    return SearchGroup(
        heading=_("Pages and guidance"),
        results=[
            SearchResult(
                title=page.title,
                url=page.url or "",
                summary=page.search_description
                or getattr(page, "summary", "")
                or getattr(page, "introduction", ""),
            )
            for page in (
                specific.specific for specific in pages.order_by("path")[:RESULTS_PER_GROUP]
            )
        ],
        count=count,
    )


SEARCH = SearchSource(key="pages", find=find, order=10)
