"""Atom feeds in the reader's language (issue 12, item 12; ADR 0049).

An app's view builds `FeedEntry`s from its queries and returns `atom_response(...)`; the feed
lives under /cy/ and /en/ like any page, so each language has its own feed.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils import feedgenerator

from .language import current_language


@dataclass(frozen=True)
class FeedEntry:
    title: str
    path: str  # the page the entry links to, such as "/cy/standards/reviews/4/"
    summary: str
    published: datetime.datetime
    updated: datetime.datetime | None = None
    author: str = ""
    # When several entries link to one page (changes to one service), each needs its own id:
    # the link with this fragment ("change-12").
    fragment: str = ""


def atom_response(
    request: HttpRequest, *, title: str, entries: Iterable[FeedEntry]
) -> HttpResponse:
    """An Atom 1.0 document of `entries`, with absolute links and the reader's language."""
    language = current_language()
    feed = feedgenerator.Atom1Feed(
        title=title,
        link=request.build_absolute_uri(f"/{language}/"),
        description="",
        language=language,
        feed_url=request.build_absolute_uri(request.path),
    )
    for entry in entries:
        link = request.build_absolute_uri(entry.path)
        feed.add_item(
            title=entry.title,
            link=link,
            description=entry.summary,
            pubdate=entry.published,
            updateddate=entry.updated or entry.published,
            unique_id=f"{link}#{entry.fragment}" if entry.fragment else link,
            author_name=entry.author or None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["Cache-Control"] = "public, max-age=900"
    return response
