"""A member of the public searches and filters the register with JavaScript switched off.

Everything is a plain GET form and links, so the journey works without a script: each choice
shows in the address (a result can be bookmarked or shared), sorting and paging keep the
filters, and each selected filter has a link that removes just that one.
"""

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from porth.organisations.models import Organisation
from porth.register.models import Phase, WelshAvailability

from .conftest import BROWSER_LOCALES
from .register_data import ORGANISATION_SLUG, make_register_data

pytestmark = [pytest.mark.browser, pytest.mark.journey_on_postgresql, pytest.mark.django_db]

EXTRA_SERVICES = 30  # more than one page of 20: half of them the first body's
WORDS = {
    "en": {
        "search": "Search the register",
        "search_button": "Search",
        "apply": "Apply filters",
        "organisation": "Organisation",
        "sort_by": "Sort by",
        "sort": "Sort",
        "name": "Name",
        "next": "Next",
        "remove": "Remove filter: Organisation: {}",
        "first": "Book a room 00",
        "twentieth": "Book a room 19",
        "twenty_first": "Book a room 20",
    },
    "cy": {
        "search": "Chwilio'r gofrestr",
        "search_button": "Chwilio",
        "apply": "Gweithredu hidlwyr",
        "organisation": "Sefydliad",
        "sort_by": "Trefnu yn ôl",
        "sort": "Trefnu",
        "name": "Enw",
        "next": "Nesaf",
        "remove": "Tynnu hidlydd: Sefydliad: {}",
        "first": "Archebu ystafell 00",
        "twentieth": "Archebu ystafell 19",
        "twenty_first": "Archebu ystafell 20",
    },
}


@pytest.fixture(scope="module")
def register_site(read_only_site: str, django_db_blocker) -> dict:
    """The shared site with more than a page of services, and the first body's names."""
    with django_db_blocker.unblock():
        make_register_data(extra_services=EXTRA_SERVICES)
        organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    return {"url": read_only_site, "en": organisation.name_en, "cy": organisation.name_cy}


@pytest.fixture
def page_without_js(browser: Browser, language: str) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False,
        locale=BROWSER_LOCALES[language],
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _results(page: Page):
    """The service names listed, in order (each is a level-2 heading linking to its page)."""
    return page.locator("main ul.govuk-list h2 a")


def _label(language: str, label) -> str:
    with translation.override(language):
        return str(label)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_public_searches_filters_sorts_pages_and_opens_a_service_without_javascript(
    page_without_js: Page, register_site: dict, language: str
) -> None:
    page, words = page_without_js, WORDS[language]
    organisation_name = register_site[language]

    page.goto(f"{register_site['url']}/{language}/register/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # Search.
    page.get_by_label(words["search"], exact=True).fill("room")
    page.get_by_role("button", name=words["search_button"], exact=True).click()
    assert _query(page)["q"] == ["room"]
    expect(_results(page)).to_have_count(20)

    # Tick filters and apply them: each shows in the address.
    page.get_by_role("checkbox", name=_label(language, Phase.LIVE.label), exact=True).check()
    page.get_by_role(
        "checkbox", name=_label(language, WelshAvailability.SOME.label), exact=True
    ).check()
    page.get_by_role("button", name=words["apply"], exact=True).click()
    query = _query(page)
    assert query["q"] == ["room"] and query["phase"] == ["live"] and query["welsh"] == ["some"]
    expect(
        page.get_by_role("checkbox", name=_label(language, Phase.LIVE.label), exact=True)
    ).to_be_checked()
    expect(_results(page)).to_have_count(20)

    # Sort by name, then go to the second page: both keep the search and the filters.
    page.get_by_label(words["sort_by"], exact=True).select_option("name")
    page.get_by_role("button", name=words["sort"], exact=True).click()
    assert _query(page)["sort"] == ["name"]
    expect(_results(page).first).to_have_text(words["first"])
    expect(_results(page).nth(19)).to_have_text(words["twentieth"])

    page.get_by_role("link", name=re.compile(words["next"])).click()
    query = _query(page)
    assert query["page"] == ["2"] and query["sort"] == ["name"] and query["phase"] == ["live"]
    expect(_results(page)).to_have_count(EXTRA_SERVICES - 20)
    expect(_results(page).first).to_have_text(words["twenty_first"])

    # Narrow to one body: back to the first page, its 15 services only.
    page.get_by_label(words["organisation"], exact=True).select_option(ORGANISATION_SLUG)
    page.get_by_role("button", name=words["apply"], exact=True).click()
    query = _query(page)
    assert query["organisation"] == [ORGANISATION_SLUG] and "page" not in query
    expect(_results(page)).to_have_count(EXTRA_SERVICES // 2)

    # Remove just that filter; the others stay.
    page.get_by_role("link", name=words["remove"].format(organisation_name), exact=True).click()
    query = _query(page)
    assert "organisation" not in query and query["phase"] == ["live"] and query["q"] == ["room"]
    expect(_results(page)).to_have_count(20)

    # Open a service.
    _results(page).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["first"])
    expect(page).to_have_url(re.compile(rf"/{language}/register/services/PS-\d+/$"))
