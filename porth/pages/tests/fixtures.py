"""A pytest fixture for any test that needs Porth's pages: loaded by the root conftest.

Usable with `db`, `transactional_db` and `live_server`: seed_pages remakes what a flush removes
(Wagtail's root page, the locales and the site) before it makes the pages.
"""

from datetime import date

import pytest
from wagtail.models import Site

from porth.pages.actions import seed_pages

SEED_CONTACT_EMAIL = "porth@example.gov.wales"
SEED_DATE = date(2026, 11, 25)


@pytest.fixture
def seeded_site(db) -> Site:
    """The default site with the home, about and footer pages in Welsh and English."""
    seed_pages(contact_email=SEED_CONTACT_EMAIL, today=SEED_DATE)
    return Site.objects.get(is_default_site=True)
