"""The register's answer to the site-wide search (porth.core.site_search finds this module).

It uses the register's own search (`search.search`), so the site search finds what the
register list finds, mutated Welsh words included, and links to the full list of results.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from porth.core.site_search import RESULTS_PER_GROUP, SearchGroup, SearchResult, SearchSource

from .search import ServiceFilters, search


def find(query: str) -> SearchGroup:
    results = search(ServiceFilters(query=query))
    services = results[0:RESULTS_PER_GROUP]
    return SearchGroup(
        heading=_("Services in the register"),
        results=[
            SearchResult(
                title=f"{service.name} – {service.organisation.name}",
                url=reverse("register:service_detail", args=[service.public_id]),
                summary=service.description,
            )
            for service in services
        ],
        count=results.count(),
        more_than_counted=results.more_than_counted,
        more_url=f"{reverse('register:service_list')}?{urlencode({'q': query})}",
        more_text=_("See every matching service in the register"),
    )


SEARCH = SearchSource(key="register", find=find, order=20)
