"""Published review reports have an Atom feed in each language (issue 12, item 12)."""

import xml.etree.ElementTree as ET

import pytest

from porth.standards.actions import respond_to_report

from .conftest import send_report_with_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(review_in_progress, assessors, editor):
    reported = send_report_with_recommendation(review_in_progress, assessors[0].person)
    return respond_to_report(review=reported, accept=True, reason="", person=editor)


def test_each_language_has_an_atom_feed_of_published_review_reports(client, published):
    welsh = client.get("/cy/standards/reviews/feed/")
    english = client.get("/en/standards/reviews/feed/")

    assert welsh["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(welsh.content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}title").text == "Porth: adroddiadau adolygu a gyhoeddwyd"
    entry = feed.find(f"{atom}entry")
    review_path = f"/cy/standards/reviews/{published.pk}/"
    assert entry.find(f"{atom}link").get("href") == f"http://testserver{review_path}"
    assert ET.fromstring(english.content).find(f"{atom}title").text == (
        "Porth: published review reports"
    )
