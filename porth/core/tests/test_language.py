"""Two languages: the address decides, `/` negotiates, and the switch keeps your place.

See docs/adr/0002-language-url-scheme.md.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from porth.core.tests.urlwalk import walk

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def switch_link(html: BeautifulSoup):
    return html.select_one("nav.govuk-language-navigation a")


# --- `/` chooses a language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("cy", "/cy/"),
        ("cy-GB,cy;q=0.9,en;q=0.5", "/cy/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_the_root_sends_people_to_the_language_their_browser_prefers_or_english(
    client, accept_language, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_after_reading_a_welsh_page_the_root_goes_to_welsh_whatever_the_browser_prefers(client):
    response = client.get("/cy/organisations/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.cookies["porth_language"].value == "cy"

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/cy/"


def test_switching_back_to_english_is_remembered_too(client):
    client.get("/cy/organisations/")
    client.get("/en/organisations/")

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="cy")["Location"] == "/en/"


def test_the_language_cookie_is_not_readable_by_scripts(client):
    response = client.get("/cy/organisations/")

    assert response.cookies["porth_language"]["httponly"]
    assert response.cookies["porth_language"]["samesite"] == "Lax"


# --- Every public page in both languages ------------------------------------------------------


def public_pages(language: str) -> list[str]:
    """Our public routes without parameters, under the language prefix."""
    return [
        route.path
        for route in walk(language=language)
        if route.is_ours
        and route.access == "public"
        and not route.parameters
        and route.path.startswith(f"/{language}/")
    ]


@pytest.mark.parametrize("language", ["cy", "en"])
def test_every_public_page_declares_the_language_of_its_address(
    client, settings, organisation, language
):
    settings.DEBUG = True  # so that the component gallery is included
    with translation.override(language):
        organisation_page = reverse("organisations:organisation_detail", args=[organisation.slug])
    paths = [*public_pages(language), organisation_page]
    assert f"/{language}/organisations/" in paths

    for path in paths:
        response = client.get(path, follow=True)
        if response.status_code == 405 or "html" not in response.get("Content-Type", ""):
            continue  # POST-only endpoints and downloads have no page to check
        assert response.status_code == 200, path
        assert page(response).html["lang"] == language, path


def test_an_organisation_page_shows_the_name_in_the_language_of_the_address(client, organisation):
    welsh = page(client.get(f"/cy/organisations/{organisation.slug}/"))
    english = page(client.get(f"/en/organisations/{organisation.slug}/"))

    assert welsh.h1.get_text(strip=True) == organisation.name_cy
    assert english.h1.get_text(strip=True) == organisation.name_en


# --- The language switch -------------------------------------------------------------------------


def test_the_switch_on_an_english_page_goes_to_the_same_welsh_page_keeping_the_query(client):
    html = page(client.get("/en/organisations/?type=principal_council"))

    link = switch_link(html)
    assert link["href"] == "/cy/organisations/?type=principal_council"
    assert link["lang"] == "cy"
    assert link["hreflang"] == "cy"
    assert link.get_text(" ", strip=True).startswith("Cymraeg")


def test_the_switch_on_a_welsh_page_goes_back_to_the_english_page(client, organisation):
    html = page(client.get(f"/cy/organisations/{organisation.slug}/?a=1&b=2"))

    link = switch_link(html)
    assert link["href"] == f"/en/organisations/{organisation.slug}/?a=1&b=2"
    assert link["lang"] == "en"
    assert link.get_text(" ", strip=True).startswith("English")


def test_following_the_switch_lands_on_the_counterpart_page_in_the_other_language(client):
    english = page(client.get("/en/organisations/?type=principal_council"))

    response = client.get(switch_link(english)["href"])

    assert response.status_code == 200
    welsh = page(response)
    assert welsh.html["lang"] == "cy"
    assert switch_link(welsh)["href"] == "/en/organisations/?type=principal_council"


def test_every_page_links_its_versions_with_absolute_hreflang_and_x_default(client):
    html = page(client.get("/cy/organisations/?type=principal_council"))

    alternates = {
        link["hreflang"]: link["href"]
        for link in html.select('head link[rel="alternate"][hreflang]')
    }
    # A filtered list is the list: the alternates and the canonical address leave filters out.
    assert alternates == {
        "cy": "http://testserver/cy/organisations/",
        "en": "http://testserver/en/organisations/",
        "x-default": "http://testserver/organisations/",
    }
    assert html.select_one('head link[rel="canonical"]')["href"] == (
        "http://testserver/cy/organisations/"
    )


# --- Our words win over Django's and Wagtail's ------------------------------------------------


def test_the_welsh_navigation_says_hafan_not_adref(client):
    html = page(client.get("/cy/organisations/"))

    navigation = html.select_one(".govuk-service-navigation")
    labels = [link.get_text(strip=True) for link in navigation.select("a")]
    assert "Hafan" in labels
    assert "Adref" not in html.get_text()


def test_the_welsh_layout_is_in_welsh(client):
    html = page(client.get("/cy/organisations/"))

    assert html.select_one(".govuk-skip-link").get_text(strip=True) == "Neidio i'r prif gynnwys"
    assert html.select_one("nav.govuk-language-navigation")["aria-label"] == "Dewis iaith"
    assert html.select_one(".govuk-service-navigation__toggle").get_text(strip=True) == "Dewislen"
    assert html.select_one(".govuk-phase-banner__content__tag").get_text(strip=True) == "Alffa"
    footer_links = [a.get_text(strip=True) for a in html.select(".govuk-footer__inline-list a")]
    assert footer_links == [
        "Datganiad hygyrchedd",
        "Hysbysiad preifatrwydd",
        "Cwcis",
        "Datganiad iaith Gymraeg",
        "Cysylltu â ni",
        "Mesurau llwyddiant",
    ]


# --- Dates and plurals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("cy", "25 Tachwedd 2026"), ("en", "25 November 2026")],
)
def test_dates_are_written_day_month_year_in_each_language(language, expected):
    template = Template("{{ day|date }}")

    with translation.override(language):
        rendered = template.render(Context({"day": datetime.date(2026, 11, 25)}))

    assert rendered == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 gydran"),
        (2, "2 gydran"),
        (3, "3 o gydrannau"),
        (8, "8 cydran"),
        (11, "11 cydran"),
        (0, "0 o gydrannau"),
    ],
)
def test_welsh_counts_choose_between_four_plural_forms(count, expected):
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} component"
        "{% plural %}{{ counter }} components{% endblocktranslate %}"
    )

    with translation.override("cy"):
        rendered = template.render(Context({"n": count}))

    assert rendered == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "1 component"), (8, "8 components")])
def test_english_counts_choose_between_two_plural_forms(count, expected):
    with translation.override("en"):
        rendered = translation.ngettext("%(counter)s component", "%(counter)s components", count)

    assert rendered % {"counter": count} == expected
