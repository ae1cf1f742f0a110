"""What the manual's Wagtail pages add to their templates, registered in `StandardsConfig.ready()`
through `porth.core.page_context`, so the page models never import queries or views."""

from typing import Any

from django.http import HttpRequest

from porth.core.permissions import is_centre_staff

from .. import queries


def manual_index_context(page: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        **queries.manual_contents(page),
        "can_read_feedback": is_centre_staff(request.user),
    }


def standard_guidance_context(page: Any, request: HttpRequest) -> dict[str, Any]:
    """Used by previews, which show the guidance as it will look on the standard's page."""
    standard = queries.current_standard(page.standard_number)
    if standard is None:
        return {}
    return queries.standard_page_context(standard, guidance=page)


def example_index_context(page: Any, request: HttpRequest) -> dict[str, Any]:
    filters = queries.example_filters(request.GET)
    return {
        "filters": filters,
        "examples": queries.examples_for_list(page, filters),
        "choices": queries.example_filter_choices(),
    }
