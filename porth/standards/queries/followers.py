"""What a published manual page changed, for the people who follow a standard (following,
ADR 0059). Following hears Wagtail's `page_published` and asks here; the standards never
import following."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from ..models import ExamplePage, StandardGuidancePage


@dataclass(frozen=True)
class ManualChange:
    """A standard's guidance page or an example of good practice, just published in one
    language: the standards it is about and where to read it."""

    standard_numbers: list[int]
    is_example: bool
    is_new: bool  # its first publication (an example); later ones are changes
    title: str
    language: str
    path: str


def standards_a_page_is_about(page: Any) -> list[int]:
    """The numbers of the standards a manual page is about ([] for any other page)."""
    if isinstance(page, StandardGuidancePage):
        return [page.standard_number]
    if isinstance(page, ExamplePage):
        return page.standard_numbers()
    return []


def manual_change(page_id: int) -> ManualChange | None:
    """The live guidance or example page `page_id` as a change to tell followers of, or None."""
    page = Page.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None:
        return None
    page = page.specific
    numbers = standards_a_page_is_about(page)
    if not numbers:
        return None
    language = page.locale.language_code
    is_example = isinstance(page, ExamplePage)
    if is_example:
        path = page.url
    else:
        with translation.override(language):
            path = reverse("standards:standard_detail", args=[numbers[0]])
    return ManualChange(
        standard_numbers=numbers,
        is_example=is_example,
        is_new=page.first_published_at == page.last_published_at,
        title=page.title,
        language=language,
        path=path,
    )
