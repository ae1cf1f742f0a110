"""Seed the pages: the home page and the footer's pages in Welsh and English (`manage.py seed`).

Production needs them as much as a demo site does, so `demo` changes nothing here. Their words
live in `seed_content/`, written as blocks so the two languages can be checked against each other.
"""

from collections.abc import Callable

from django.conf import settings

from porth.core.seeding import SeedOptions

from .actions import seed_pages

DEPENDS_ON: tuple[str, ...] = ()


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """Make the locales, the site and any missing page; pages that exist are left as editors
    made them."""
    result = seed_pages(contact_email=settings.PORTH_CONTACT_EMAIL, today=options.today)
    out(f"Pages: {len(result.created)} created, {len(result.kept)} already there.")
