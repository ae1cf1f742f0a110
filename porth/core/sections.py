"""Sections that other apps add to a page, so the app that owns the page never imports them.

An organisation's page (`porth.organisations.sections`) and a service's page in the register
(`porth.register.sections`) each keep their own list of sections; this module says what a
section is and renders a list of them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class PageSection:
    """`get_context(subject, user)` returns the template's context, or None to leave the
    section out for that person."""

    key: str
    template_name: str
    get_context: Callable[[Any, Any], dict | None]
    order: int = 100


def render_sections(
    request: HttpRequest, sections: Iterable[PageSection], *, name: str, subject: Any
) -> list[SafeString]:
    """Each section's HTML, in order, rendered with `subject` as `name` and the `user`,
    leaving out those with nothing to show."""
    rendered = []
    for section in sorted(sections, key=lambda s: (s.order, s.key)):
        context = section.get_context(subject, request.user)
        if context is not None:
            context = {name: subject, "user": request.user, **context}
            rendered.append(render_to_string(section.template_name, context, request=request))
    return rendered
