from collections import defaultdict
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import override

from porth.core.sections import ORGANISATION_PAGE, PageSection, register_section
from porth.organisations.models import OrganisationType
from porth.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def list_url(language: str = "en") -> str:
    with override(language):
        return reverse("organisations:organisation_list")


def detail_url(organisation, language: str = "en") -> str:
    with override(language):
        return reverse("organisations:organisation_detail", args=[organisation.slug])


def test_the_list_shows_every_organisation_and_how_many_there_are(client):
    OrganisationFactory(name_en="Cardiff Council")
    OrganisationFactory(name_en="Gwent Police", type=OrganisationType.POLICE_FORCE)

    response = client.get(list_url())

    assert response.status_code == 200
    assert "Cardiff Council" in response.text and "Gwent Police" in response.text
    assert "2 organisations" in response.text
    assert "<title>Organisations – Porth</title>" in response.text


def test_the_list_filter_by_type_keeps_the_filter_in_the_address(client):
    OrganisationFactory(name_en="Cardiff Council")
    OrganisationFactory(name_en="Gwent Police", type=OrganisationType.POLICE_FORCE)

    response = client.get(list_url(), {"type": "police_force"})

    assert "Gwent Police" in response.text and "Cardiff Council" not in response.text
    assert "1 organisation<" in response.text
    assert '<option value="police_force" selected>Police force (1)</option>' in response.text
    assert "<title>Police force – Organisations – Porth</title>" in response.text


def test_an_unknown_type_in_the_address_shows_every_organisation(client):
    OrganisationFactory.create_batch(2)

    response = client.get(list_url(), {"type": "parish_council"})

    assert response.status_code == 200
    assert "2 organisations" in response.text


def test_the_list_makes_the_same_small_number_of_queries_however_many_organisations(
    client, django_assert_num_queries
):
    OrganisationFactory.create_batch(30)

    # One query counts the types for the filter, one fetches the organisations.
    with django_assert_num_queries(2):
        client.get(list_url())


def test_the_list_in_welsh_shows_welsh_names_and_a_welsh_count(client):
    OrganisationFactory(name_en="Cardiff Council", name_cy="Cyngor Caerdydd")

    response = client.get(list_url("cy"))

    assert '<html lang="cy"' in response.text
    assert "Cyngor Caerdydd" in response.text
    assert "1 sefydliad" in response.text


def test_the_detail_page_shows_the_facts_in_a_summary_list(client):
    organisation = OrganisationFactory(
        name_en="Cardiff Council", name_cy="Cyngor Caerdydd", gss_code="W06000015"
    )

    response = client.get(detail_url(organisation))

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Cardiff Council</h1>' in response.text
    assert '<dd class="govuk-summary-list__value" lang="cy">Cyngor Caerdydd</dd>' in response.text
    assert "W06000015" in response.text
    assert organisation.website in response.text
    assert "<title>Cardiff Council – Organisations – Porth</title>" in response.text


def test_the_detail_page_in_welsh_is_headed_with_the_welsh_name(client):
    organisation = OrganisationFactory(name_en="Cardiff Council", name_cy="Cyngor Caerdydd")

    response = client.get(detail_url(organisation, "cy"))

    assert '<html lang="cy"' in response.text
    assert '<h1 class="govuk-heading-xl">Cyngor Caerdydd</h1>' in response.text


def test_the_detail_page_says_so_when_a_body_has_no_gss_code_or_website(client):
    organisation = OrganisationFactory(gss_code="", website="")

    response = client.get(detail_url(organisation))

    assert "None" in response.text and "Not recorded" in response.text


def test_the_detail_page_of_an_unknown_slug_is_not_found(client):
    response = client.get(reverse("organisations:organisation_detail", args=["atlantis"]))

    assert response.status_code == 404


def test_other_apps_can_add_a_section_to_the_detail_page(client, monkeypatch, settings):
    from porth.core import sections

    monkeypatch.setattr(sections, "_slots", defaultdict(dict))
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}]
    register_section(
        slot=ORGANISATION_PAGE,
        section=PageSection(
            key="example",
            template_name="example_section.html",
            get_context=lambda organisation, user: {"greeting": f"Hello {organisation.slug}"},
        ),
    )
    register_section(
        slot=ORGANISATION_PAGE,
        section=PageSection(
            key="hidden",
            template_name="example_section.html",
            get_context=lambda organisation, user: None,
        ),
    )
    organisation = OrganisationFactory(slug="cardiff")

    response = client.get(detail_url(organisation))

    assert response.text.count("Hello cardiff") == 1


def test_centre_staff_can_see_organisations_in_the_cms_but_not_change_them(client, organisation):
    from porth.accounts.tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True, is_centre_staff=True)
    client.force_login(admin)

    index = client.get("/cms/organisation_admin/")
    inspect = client.get(f"/cms/organisation_admin/inspect/{organisation.pk}/")
    edit = client.get(f"/cms/organisation_admin/edit/{organisation.pk}/")

    assert index.status_code == 200 and organisation.name_en in index.text
    assert inspect.status_code == 200
    assert edit.status_code in (302, 403)
