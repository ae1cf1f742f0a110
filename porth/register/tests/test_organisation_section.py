"""The register's section of a body's page: its services, and a link to all of them."""

import pytest

from porth.register.sections import SERVICES_ON_ORGANISATION_PAGE

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_bodys_page_lists_its_services_in_the_pages_language(client, organisation, language):
    service = ServiceFactory(
        organisation=organisation, name_en="Pay council tax", name_cy="Talu'r dreth gyngor"
    )

    page = client.get(f"/{language}/organisations/{organisation.slug}/").text.replace("&#x27;", "'")

    assert f"/{language}/register/services/{service.public_id}/" in page
    assert (service.name_en if language == "en" else service.name_cy) in page
    assert ("1 service recorded" if language == "en" else "1 gwasanaeth") in page


def test_a_body_with_many_services_links_to_all_of_them_in_the_register(
    client, organisation, other_organisation
):
    ServiceFactory.create_batch(SERVICES_ON_ORGANISATION_PAGE + 2, organisation=organisation)
    ServiceFactory(organisation=other_organisation, name_en="Someone else's service")

    page = client.get(f"/en/organisations/{organisation.slug}/").text

    assert f"/en/register/?organisation={organisation.slug}" in page
    assert f"See all {SERVICES_ON_ORGANISATION_PAGE + 2} services" in page
    assert "Someone else" not in page


def test_a_body_with_no_services_says_so(client, organisation):
    page = client.get(f"/en/organisations/{organisation.slug}/").text

    assert "No services recorded in the register yet." in page


def test_only_the_bodys_editors_see_the_links_to_add_and_import(
    client, organisation, editor, member
):
    url = f"/en/organisations/{organisation.slug}/"
    imports = f"/en/register/organisations/{organisation.slug}/imports/"
    client.force_login(member)
    assert imports not in client.get(url).text
    client.force_login(editor)
    assert imports in client.get(url).text
