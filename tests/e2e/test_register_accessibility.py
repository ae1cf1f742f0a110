"""Every page of the service register and of open data meets WCAG 2.2 A/AA as far as axe-core
can tell, and works by keyboard, in both languages, as the public, as the body's editor and as
centre staff.

The pages are checked with real content: a service with figures (charts and their tables), a
change history, snapshots with changes between them, a personal token. Question pages are
checked as they first appear and, for the first one, with its error summary.
"""

from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from porth.register.forms import SERVICE_STEPS
from porth.register.models import ServiceArea

from .register_data import (
    ORGANISATION_SLUG,
    OTHER_ORGANISATION_SLUG,
    make_register_data,
    sign_in,
)
from .test_accessibility import _assert_styles_loaded

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

STEP_SLUGS = [step.slug for step in SERVICE_STEPS]


SERVICE = "/register/services/{service}"
NEW_SERVICE = f"/register/organisations/{ORGANISATION_SLUG}/services/new"
# Each page: its address (with the service's ID, a snapshot and a service area filled in when
# the data exists) and who signs in to see it.
PAGES = {
    "register list": ("/register/", None),
    "register list, filtered": (
        f"/register/?q=pothole&organisation={ORGANISATION_SLUG}&phase=live&welsh=some",
        None,
    ),
    "register list, no results": ("/register/?q=zzzzzz&phase=alpha", None),
    "register list, signed in": ("/register/", "editor"),
    "service page": (f"{SERVICE}/", None),
    "service page, editor": (f"{SERVICE}/", "editor"),
    "service page, centre staff": (f"{SERVICE}/", "centre_staff"),
    "add a service: choose the body": ("/register/services/new/", "centre_staff"),
    **{f"add a service: {slug}": (f"{NEW_SERVICE}/{slug}/", "editor") for slug in STEP_SLUGS},
    "add a service: check your answers": (f"{NEW_SERVICE}/check/", "editor"),
    "service added": (f"{SERVICE}/added/", "editor"),
    "change a service: check your answers": (f"{SERVICE}/edit/", "editor"),
    **{f"change a service: {slug}": (f"{SERVICE}/edit/{slug}/", "editor") for slug in STEP_SLUGS},
    "retire": (f"{SERVICE}/retire/", "editor"),
    "add figures": (f"{SERVICE}/figures/new/", "editor"),
    "service areas": ("/register/service-areas/", "centre_staff"),
    "add a service area": ("/register/service-areas/new/", "centre_staff"),
    "change a service area": ("/register/service-areas/{area}/edit/", "centre_staff"),
    "open data": ("/open-data/", None),
    "API documentation": ("/open-data/api/", None),
    "landscape": ("/open-data/landscape/", None),
    "landscape, filtered": (
        f"/open-data/landscape/?organisation={OTHER_ORGANISATION_SLUG}",
        None,
    ),
    "snapshots": ("/open-data/snapshots/", None),
    "snapshots, centre staff": ("/open-data/snapshots/", "centre_staff"),
    "what changed": ("/open-data/snapshots/{snapshot}/changes/", None),
    "tokens": ("/open-data/tokens/", "editor"),
}

# What must be on a page for its check to mean something (charts with their tables, history).
MUST_SHOW = {
    "register list": "main h2 a[href*='/services/PS-']",
    "register list, filtered": "main h2 a[href*='/services/PS-']",
    "service page": "#figures ~ section:has(figure svg[role=img]) table",
    "service page, editor": "#history + p + table",
    "service page, centre staff": "#history + p + table",
    "what changed": "main table",
    "snapshots": "main table",
    "tokens": "main table",
    "landscape": "main table",
}


@pytest.fixture(scope="module")
def register_site(read_only_site: str, django_db_blocker) -> Iterator[dict]:
    """The shared site plus register data: what to fill in the addresses, and who signs in."""
    with django_db_blocker.unblock():
        data = make_register_data()
        area = ServiceArea.objects.order_by("pk").first()
    yield {
        "url": read_only_site,
        "ids": {"service": data.service.public_id, "snapshot": data.snapshot.pk, "area": area.pk},
        "people": {"editor": data.editor_email, "centre_staff": data.centre_staff_email},
    }


@pytest.fixture(scope="module")
def signed_in_cookies(browser: Browser, register_site: dict) -> dict[str, list]:
    """Each person signs in once, through the form; each test then reuses their cookies.

    Signing in before each of some eighty pages would trip the sign-in rate limit (rightly).
    """
    cookies = {}
    for who, email in register_site["people"].items():
        context = browser.new_context()
        sign_in(context.new_page(), register_site["url"], "en", email)
        cookies[who] = context.cookies()
        context.close()
    return cookies


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_register_page_is_accessible_and_usable_by_keyboard(
    page: Page,
    register_site: dict,
    signed_in_cookies: dict,
    language: str,
    name: str,
    axe_check,
    keyboard_check,
) -> None:
    path, who = PAGES[name]
    site = register_site["url"]
    if who:
        page.context.add_cookies(signed_in_cookies[who])
    response = page.goto(f"{site}/{language}{path.format(**register_site['ids'])}")

    assert response is not None and response.status == 200, (
        f"{name} answered {response and response.status}"
    )
    assert page.locator("html").get_attribute("lang") == language
    _assert_styles_loaded(page)
    if name in MUST_SHOW:
        assert page.locator(MUST_SHOW[name]).count() > 0, f"{name} lacks {MUST_SHOW[name]}"
    axe_check(page)
    keyboard_check(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_question_page_with_errors_is_accessible(
    page: Page, register_site: dict, signed_in_cookies: dict, language: str, axe_check
) -> None:
    site = register_site["url"]
    page.context.add_cookies(signed_in_cookies["editor"])
    with translation.override(language):
        path = reverse(
            "register:service_create_step", kwargs={"slug": ORGANISATION_SLUG, "step": "name"}
        )
    page.goto(site + path)
    page.locator("form button[type=submit]").last.click()

    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    axe_check(page)
