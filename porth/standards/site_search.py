"""The standards in the site-wide search (porth.core.site_search finds this module): each
standard of the current set whose name or summary, in the reader's language, has the words."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from porth.core.language import current_language
from porth.core.site_search import SearchGroup, SearchResult, SearchSource

from .queries import current_standard_set


def find(query: str) -> SearchGroup | None:
    standard_set = current_standard_set()
    if standard_set is None:
        return None
    language = current_language()
    standards = standard_set.standards.order_by("number")
    for word in query.split():
        standards = standards.filter(
            Q(**{f"name_{language}__icontains": word})
            | Q(**{f"summary_{language}__icontains": word})
        )
    found = list(standards)
    return SearchGroup(
        heading=_("Digital Service Standards"),
        results=[
            SearchResult(
                title=_("Standard %(number)s: %(name)s")
                % {"number": standard.number, "name": standard.name},
                url=reverse("standards:standard_detail", args=[standard.number]),
                summary=standard.summary,
            )
            for standard in found
        ],
        count=len(found),
    )


SEARCH = SearchSource(key="standards", find=find, order=30)
