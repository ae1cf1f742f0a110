"""One search over pages, the standards and the register, in both languages (issue 12)."""

import pytest
from bs4 import BeautifulSoup

from porth.core.site_search import search_site, sources
from porth.register.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def results(client, path: str) -> dict[str, list[str]]:
    html = BeautifulSoup(client.get(path).content, "html.parser")
    return {
        section.h2.contents[0].strip(): [
            link.get_text(strip=True) for link in section.select("li a")
        ]
        for section in html.select("main section")
    }


def test_each_app_answers_for_its_own_content():
    assert [source.key for source in sources()][:3] == ["pages", "register", "standards"]


def test_the_search_finds_services_and_pages_in_the_readers_language(client, seeded_site):
    ServiceFactory(name_en="Privacy request", name_cy="Cais preifatrwydd")

    english = results(client, "/en/search/?q=privacy")
    welsh = results(client, "/cy/search/?q=preifatrwydd")

    assert "Privacy notice" in english["Pages and guidance"]
    assert any(title.startswith("Privacy request") for title in english["Services in the register"])
    assert any(
        title.startswith("Cais preifatrwydd") for title in welsh["Gwasanaethau yn y gofrestr"]
    )


def test_the_register_group_links_to_the_full_register_search(client):
    ServiceFactory(name_en="Pay council tax")

    html = BeautifulSoup(client.get("/en/search/?q=council+tax").content, "html.parser")

    assert html.select_one('a[href="/en/register/?q=council+tax"]')


def test_an_empty_search_asks_and_finds_nothing(client):
    assert search_site("   ").groups == []
    html = BeautifulSoup(client.get("/cy/search/").content, "html.parser")
    assert html.h1.get_text(strip=True) == "Chwilio Porth"
    assert html.select_one("input[name=q]")


def test_a_search_with_no_results_says_so(client):
    html = BeautifulSoup(client.get("/en/search/?q=zzxqy").content, "html.parser")

    assert "Nothing was found for “zzxqy”." in html.get_text()
