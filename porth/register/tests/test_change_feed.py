"""The register's changes have an Atom feed in each language, with nothing private in it."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from porth.organisations.tests.factories import OrganisationFactory
from porth.register import actions

from .test_actions import create, details, today

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


@pytest.mark.parametrize(
    ("language", "title", "added"),
    [
        ("en", "Porth: changes to the register", "Service added: Report a pothole"),
        ("cy", "Porth: newidiadau i'r gofrestr", "Gwasanaeth wedi'i ychwanegu: Adrodd am dwll"),
    ],
)
def test_each_language_has_a_feed_of_services_added_changed_and_retired(
    client, organisation, editor, language, title, added
):
    service = create(organisation, editor)
    actions.update_service(
        service=service,
        details=details(name_en="Report a pothole or a broken pavement"),
        changed_by=editor,
    )
    actions.retire_service(service=service, retired_on=today(), retired_by=editor)

    response = client.get(f"/{language}/register/changes/feed/")

    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == title
    found = feed.findall(f"{ATOM}entry")
    assert len(found) == 3
    assert found[-1].find(f"{ATOM}title").text.replace("’", "'").startswith(added)
    link = f"http://testserver/{language}/register/services/{service.public_id}/"
    assert {entry.find(f"{ATOM}link").get("href") for entry in found} == {link}
    assert len({entry.find(f"{ATOM}id").text for entry in found}) == 3


def test_a_change_to_the_owner_alone_is_not_in_the_feed_nor_the_owners_details(
    client, organisation, editor
):
    service = create(organisation, editor)
    actions.update_service(
        service=service, details=details(owner_email="new.owner@example.gov.uk"), changed_by=editor
    )

    found = entries(client, "/en/register/changes/feed/")

    assert len(found) == 1
    assert b"example.gov.uk" not in client.get("/en/register/changes/feed/").content


def test_a_feed_of_one_bodys_changes(client, organisation, editor):
    create(organisation, editor)
    other = OrganisationFactory(name_en="Other Council", name_cy="Cyngor Arall")
    create(other, name_en="Pay council tax", name_cy="Talu'r dreth gyngor")

    found = entries(client, f"/en/register/changes/feed/?organisation={organisation.slug}")

    assert [entry.find(f"{ATOM}title").text.split(" – ")[0] for entry in found] == [
        "Service added: Report a pothole"
    ]


def test_the_feed_makes_the_same_number_of_queries_however_many_changes(
    client, organisation, editor
):
    create(organisation, editor)
    with CaptureQueriesContext(connection) as context:
        client.get("/en/register/changes/feed/")
    before = len(context.captured_queries)
    for number in range(3):
        create(organisation, editor, name_en=f"Service {number}")
    with CaptureQueriesContext(connection) as context:
        client.get("/en/register/changes/feed/")
    assert len(context.captured_queries) == before


def test_the_register_links_to_its_feed(client):
    page = client.get("/cy/register/").text

    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/cy/register/changes/feed/"' in page
