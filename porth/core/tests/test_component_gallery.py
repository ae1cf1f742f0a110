"""/_components/: every shared component on one page, in the active language, DEBUG only."""

import pytest
from bs4 import BeautifulSoup

from porth.core.views import COMPONENTS_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_the_gallery_is_not_found_when_debug_is_off(client, settings):
    settings.DEBUG = False

    assert client.get("/en/_components/").status_code == 404


@pytest.mark.usefixtures("debug")
def test_the_gallery_shows_every_component_in_the_components_folder(client):
    html = page(client.get("/en/_components/"))

    names = sorted(path.stem for path in COMPONENTS_DIR.glob("*.html"))
    assert names, "no components found: has the folder moved?"
    for name in names:
        section = html.find("section", id=name)
        assert section is not None, f"components/{name}.html has no section in the gallery"
        assert len(section.find_all(True)) > 2, f"components/{name}.html is not rendered"


@pytest.mark.usefixtures("debug")
def test_the_gallery_shows_the_example_form_errors_in_a_summary_and_inline(client):
    html = page(client.get("/en/_components/"))

    summary = html.select_one(".govuk-error-summary")
    assert summary.h2.get_text(strip=True) == "There is a problem"
    links = {a["href"]: a.get_text(strip=True) for a in summary.select("a")}
    assert links == {
        "#id_full_name": "Enter your full name",
        "#id_email": "Enter an email address in the correct format, like name@example.com",
        "#id_contact_0": "Select how you would like us to contact you",
        "#id_agree": "Confirm that you agree to the terms and conditions",
    }
    for target in links:
        assert html.select_one(target) is not None, f"the summary links to a missing {target}"
    assert html.select_one("#id_full_name-error").get_text(" ", strip=True) == (
        "Error: Enter your full name"
    )
    assert html.title.get_text().startswith("Error: Component gallery")


@pytest.mark.usefixtures("debug")
def test_the_gallery_keeps_what_was_typed(client):
    html = page(client.get("/en/_components/"))

    assert html.select_one("#id_email")["value"] == "not-an-email"
    assert html.select_one("#id_description").get_text() == "The page would not load."
    assert html.select_one("#id_sort option[selected]")["value"] == "date"
    assert html.select_one("#id_topics_0").has_attr("checked")


@pytest.mark.usefixtures("debug")
def test_the_gallery_checks_what_a_designer_posts(client):
    html = page(client.post("/cy/_components/", {"full_name": "Siân", "email": "sian@example.com"}))

    summary_links = [a["href"] for a in html.select("#error_summary .govuk-error-summary a")]
    assert summary_links == ["#id_contact_0", "#id_agree"]
    assert html.select_one("#id_full_name")["value"] == "Siân"


@pytest.mark.usefixtures("debug")
def test_the_gallery_is_in_welsh_under_cy(client):
    html = page(client.get("/cy/_components/"))

    assert html.html["lang"] == "cy"
    assert html.h1.get_text(strip=True) == "Oriel cydrannau"
    assert html.select_one(".govuk-error-summary h2").get_text(strip=True) == "Mae problem"
    assert html.select_one("#id_full_name-error").get_text(" ", strip=True) == (
        "Gwall: Rhowch eich enw llawn"
    )
    assert html.find("label", attrs={"for": "id_sort"}).get_text(strip=True) == "Trefnu yn ôl"
    assert html.title.get_text().startswith("Gwall: Oriel cydrannau")


@pytest.mark.usefixtures("debug")
def test_the_gallery_has_no_duplicate_ids(client):
    html = page(client.get("/cy/_components/"))

    ids = [element["id"] for element in html.find_all(id=True)]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
