"""The home page is the gateway (issue 12, item 6): search, standards, open data, figures."""

import pytest
from bs4 import BeautifulSoup

from porth.register.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_offers_a_register_search_that_works_without_javascript(client, seeded_site):
    html = BeautifulSoup(client.get("/en/").content, "html.parser")

    form = html.select_one('form[role="search"]')
    assert form["action"] == "/en/register/"
    assert form["method"] == "get"
    assert (
        form.select_one("input[name=q]")["id"] == html.select_one("label[for=home-search]")["for"]
    )


def test_the_home_page_shows_the_registers_figures_with_their_date(client, seeded_site):
    ServiceFactory.create_batch(2)

    html = BeautifulSoup(client.get("/cy/").content, "html.parser")

    rows = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in html.select(".govuk-summary-list__row")
    }
    assert rows["Gwasanaethau a gofnodwyd"] == "2"
    assert rows["Sefydliadau sy'n adrodd"] == "2"
    assert "Dyddiad y ffigurau" in rows


def test_the_home_page_links_the_standards_the_manual_reviews_and_open_data(client, seeded_site):
    html = BeautifulSoup(client.get("/en/").content, "html.parser")

    links = {link["href"] for link in html.select("main a")}
    assert {
        "/en/standards/",
        "/en/standards/statistics/",
        "/en/standards/reviews/",
        "/en/open-data/",
        "/en/open-data/api/",
    } <= links
    headings = [heading.get_text(strip=True) for heading in html.select("main h2")]
    assert headings[:3] == ["Find a digital public service", "Standards and reviews", "Open data"]
