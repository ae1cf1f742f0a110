"""The manual has an Atom feed of its updates in each language, linked from its front page."""

import xml.etree.ElementTree as ET

import pytest

from porth.standards.models import GuidancePage, ManualIndexPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Porth: updates to the manual"), ("cy", "Porth: diweddariadau i'r llawlyfr")],
)
def test_each_language_has_a_feed_of_the_manuals_pages(client, manual, language, title):
    response = client.get(f"/{language}/standards/manual/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text.replace("’", "'") == title
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")}
    welsh_manual = ManualIndexPage.objects.get(locale__language_code=language)
    assert f"http://testserver{welsh_manual.url}" in links
    assert f"http://testserver/{language}/standards/3/" in links
    assert all(f"http://testserver/{language}/" in link for link in links)


def test_a_page_published_again_comes_to_the_top_with_its_new_date(client, manual):
    page = GuidancePage.objects.filter(locale__language_code="en").live().first()
    page.save_revision().publish()

    feed = ET.fromstring(client.get("/en/standards/manual/feed/").content)

    first = feed.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text == page.title


def test_the_manual_links_to_its_feed(client, manual):
    html = client.get(manual.url).text

    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/en/standards/manual/feed/"' in html
