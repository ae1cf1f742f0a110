"""What a page's <head> tells search engines and other sites: canonical address, language
alternates, description and Open Graph (ADR 0049).

Addresses are absolute, as search engines require for `hreflang`. `x-default` is the address
without a language prefix, which sends each visitor to their language (the same as the
sitemap's, built by Django). The canonical address drops the query string: a filtered or
sorted list is the list. Only `page` on its own is kept, since page 2 is not page 1.
"""

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict

from .language import LANGUAGE_CODES, counterpart_url

# Open Graph names languages with their territory.
OPEN_GRAPH_LOCALES = {"cy": "cy_GB", "en": "en_GB"}
CANONICAL_PARAMETERS = ("page",)


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class HeadLinks:
    canonical: str
    alternates: list[Alternate]
    locale: str
    other_locales: list[str]


def _keep(query: QueryDict, names: tuple[str, ...]) -> str:
    if not query or set(query) - set(names):
        return ""
    return query.urlencode()


def head_links(request: HttpRequest, language: str, page: object = None) -> HeadLinks:
    """The canonical address of the page being shown and its alternates in every language."""
    query = _keep(request.GET, CANONICAL_PARAMETERS)
    canonical = request.build_absolute_uri(request.path + (f"?{query}" if query else ""))
    alternates, default = [], canonical
    for code in LANGUAGE_CODES:
        url = request.path if code == language else counterpart_url(request, code, page=page)
        path = url.split("?", 1)[0]
        alternates.append(
            Alternate(code, request.build_absolute_uri(path + (f"?{query}" if query else "")))
        )
        if code == "en":
            unprefixed = path.removeprefix("/en") or "/"
            default = request.build_absolute_uri(unprefixed + (f"?{query}" if query else ""))
    alternates.append(Alternate("x-default", default))
    return HeadLinks(
        canonical=canonical,
        alternates=alternates,
        locale=OPEN_GRAPH_LOCALES[language],
        other_locales=[OPEN_GRAPH_LOCALES[code] for code in LANGUAGE_CODES if code != language],
    )
