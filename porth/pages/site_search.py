"""Wagtail pages in the site-wide search: content pages, the manual, the blog, in the reader's
language (porth.core.site_search finds this module).

Two ways in, merged (ADR 0057):
- the words of the page: Wagtail's search backend (the database backend: FTS5 on SQLite,
  full-text search on PostgreSQL) over the title and each page type's `search_fields` (its
  summary or introduction and its body). Its index is kept by Wagtail's own task on every
  save, so it needs the task worker; `manage.py update_index` rebuilds it.
- the title, SEO title or search description, read straight from the pages table, so a page
  is found by its name even while its index entry waits for the worker.

Welsh words match in any mutated form: each word becomes every radical it could be a mutation
of and each of those radicals' mutations ("dreth", "treth", "nhreth" and "threth" all find a
page that says "dreth").
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText, SearchQuery

from porth.core.language import current_language
from porth.core.site_search import RESULTS_PER_GROUP, SearchGroup, SearchResult, SearchSource
from porth.core.welsh import TABLES, mutate, radical_forms

# Pages are few (hundreds); this bounds the ids read from the index for one query.
MOST_FULL_TEXT_MATCHES = 500


def word_forms(word: str, language: str) -> set[str]:
    """The forms of `word` to look for: in Welsh, its radicals and all their mutations."""
    if language != "cy":
        return {word.lower()}
    radicals = radical_forms(word)
    return radicals | {mutate(radical, mutation) for radical in radicals for mutation in TABLES}


def full_text_query(query: str, language: str) -> SearchQuery:
    """Every word must be on the page, in one of its forms."""
    parts = []
    for word in query.split():
        forms = sorted(word_forms(word, language))
        parts.append(PlainText(forms[0]) if len(forms) == 1 else Or([PlainText(f) for f in forms]))
    return parts[0] if len(parts) == 1 else And(parts)


def _pages(language: str):
    return Page.objects.live().public().filter(depth__gt=2, locale__language_code=language)


def _title_matches(query: str, language: str) -> list[int]:
    pages = _pages(language)
    for word in query.split():
        pages = pages.filter(
            Q(title__icontains=word)
            | Q(seo_title__icontains=word)
            | Q(search_description__icontains=word)
        )
    return list(pages.order_by("path").values_list("pk", flat=True))


def _full_text_matches(query: str, language: str) -> list[int]:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    found = Page.objects.filter(locale=locale).search(full_text_query(query, language))
    return [page.pk for page in found[:MOST_FULL_TEXT_MATCHES]]


def find(query: str) -> SearchGroup:
    language = current_language()
    ranked = list(
        dict.fromkeys([*_title_matches(query, language), *_full_text_matches(query, language)])
    )
    # The index may hold pages unpublished or restricted since: keep only the live public ones.
    shown = set(_pages(language).filter(pk__in=ranked).values_list("pk", flat=True))
    ranked = [pk for pk in ranked if pk in shown]
    first = {
        page.pk: page for page in Page.objects.filter(pk__in=ranked[:RESULTS_PER_GROUP]).specific()
    }
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
            for page in (first[pk] for pk in ranked[:RESULTS_PER_GROUP])
        ],
        count=len(ranked),
    )


SEARCH = SearchSource(key="pages", find=find, order=10)
