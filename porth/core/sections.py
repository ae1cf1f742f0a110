"""Page sections: what other apps add to a page, so the app that owns the page never imports
them (docs/architecture.md §2). One registry for every page, keyed by slot name.

A page names a slot and renders it; apps fill it from their `AppConfig.ready()` (their own
`sections.py` says what they add):

    register_section(
        slot="organisation_page",
        section=PageSection(
            key="baseline_rounds",
            template_name="baseline/organisation_rounds.html",
            get_context=lambda organisation, user: {"participations": ...},
            order=50,
        ),
    )

and the page's view calls `render_slot(request, "organisation_page", subject=organisation,
subject_name="organisation")`. Each section's template is rendered with the subject (as
`subject_name` and as `subject`), `user` and whatever `get_context` returns, and should start
with an `<h2 class="govuk-heading-l">`. `get_context` returns None to leave the section out
for that person, and must make a fixed number of queries.

Slots in use: "organisation_page" (an organisation's page), "service_page" (a service's
page in the register), "community_page" and "thread_page" (a community of practice and one
of its threads), "blog_topic_page" (the blog's list of posts about one topic), "standard_page" (a
standard's page; its subject is the `Standard`), "course_page" (wherever a course is shown,
such as one of its sessions' pages; its subject is the `Course`) and "home_page"
(the home page, the site's gateway: its subject is the Wagtail home page of the reader's
language; each app adds a panel that starts with an `<h2 class="govuk-heading-m">`).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

ORGANISATION_PAGE = "organisation_page"
SERVICE_PAGE = "service_page"
COMMUNITY_PAGE = "community_page"
THREAD_PAGE = "thread_page"
BLOG_TOPIC_PAGE = "blog_topic_page"
HOME_PAGE = "home_page"
STANDARD_PAGE = "standard_page"
COURSE_PAGE = "course_page"


@dataclass(frozen=True)
class PageSection:
    """`get_context(subject, user)` returns the template's context, or None to leave the
    section out for that person."""

    key: str
    template_name: str
    get_context: Callable[[Any, Any], dict | None]
    order: int = 100


_slots: dict[str, dict[str, PageSection]] = defaultdict(dict)


def register_section(*, slot: str, section: PageSection) -> None:
    """Add (or replace, by key) a section in a slot; keyed so that a reloaded app does not add
    it twice."""
    _slots[slot][section.key] = section


def sections_in(slot: str) -> list[PageSection]:
    """The slot's sections in the order they are shown."""
    return sorted(_slots.get(slot, {}).values(), key=lambda s: (s.order, s.key))


def render_slot(
    request: HttpRequest, slot: str, *, subject: Any, subject_name: str = "subject"
) -> list[SafeString]:
    """Each of the slot's sections' HTML, in order, leaving out those with nothing to show."""
    rendered = []
    for section in sections_in(slot):
        context = section.get_context(subject, request.user)
        if context is not None:
            context = {"subject": subject, subject_name: subject, "user": request.user, **context}
            rendered.append(render_to_string(section.template_name, context, request=request))
    return rendered
