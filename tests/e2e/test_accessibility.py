"""Every key public page meets WCAG 2.2 A/AA as far as axe-core can tell, and works by keyboard.

axe-core catches about a third of WCAG failures; the keyboard walk adds what it cannot see: the
skip link, the tab order reaching every control, and a visible focus.
"""

import pytest
from playwright.sync_api import Page

# django_db makes pytest-django create the test database that read_only_site seeds; each test
# then reads it inside a transaction it rolls back.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# An organisation that is in the committed list of Welsh public bodies.
ORGANISATION_SLUG = "cardiff"

PAGES = {
    "home": ("/{language}/", 200),
    "organisation list": ("/{language}/organisations/", 200),
    "organisation detail": (f"/{{language}}/organisations/{ORGANISATION_SLUG}/", 200),
    "sign in": ("/{language}/accounts/login/", 200),
    "sign up": ("/{language}/accounts/signup/", 200),
    "page not found": ("/{language}/does-not-exist/", 404),
}


def _assert_styles_loaded(page: Page) -> None:
    """axe judges contrast from computed styles, so an unstyled page would prove nothing."""
    unloaded = page.evaluate(
        """() => [...document.querySelectorAll('link[rel=stylesheet]')]
            .filter((link) => !link.sheet || link.sheet.cssRules.length === 0)
            .map((link) => link.href)"""
    )
    assert not unloaded, f"Stylesheets did not load on {page.url}: {unloaded}"
    assert page.evaluate("document.styleSheets.length") > 0, f"No stylesheet on {page.url}"


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_usable_by_keyboard(
    page: Page, read_only_site: str, language: str, name: str, axe_check, keyboard_check
) -> None:
    path, status = PAGES[name]
    response = page.goto(read_only_site + path.format(language=language))

    assert response is not None and response.status == status, (
        f"{name} answered {response and response.status}, expected {status}"
    )
    assert page.locator("html").get_attribute("lang") == language
    _assert_styles_loaded(page)
    axe_check(page)
    keyboard_check(page)
