import pytest
from django.utils.html import escape

from porth.organisations.tests.factories import OrganisationFactory
from porth.register.tests.factories import ServiceFactory
from porth.standards.models import ExampleIndexPage, ExamplePage


@pytest.fixture
def bodies(db):
    council = OrganisationFactory(slug="a-council", type="principal_council")
    board = OrganisationFactory(slug="a-health-board", type="local_health_board")
    service = ServiceFactory(organisation=council, name_en="Apply for a school place")
    return {"council": council, "board": board, "service": service}


@pytest.fixture
def examples(bodies, manual):
    return ExamplePage.objects.filter(locale__language_code="en")


def test_seeding_makes_each_example_in_both_languages_with_its_tags(examples, bodies):
    assert examples.count() == 3
    example = examples.get(slug="bilingual-school-admissions-form")
    assert example.organisation == bodies["council"]
    assert example.service == bodies["service"]
    assert example.standard_numbers() == [2, 3, 5]
    welsh = example.get_translation(ExampleIndexPage.objects.get(locale__language_code="cy").locale)
    assert welsh.live
    assert welsh.specific.standard_numbers() == [2, 3, 5]
    assert welsh.specific.organisation == bodies["council"]


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Writing a school admissions form in Welsh and English together"),
        ("cy", "Ysgrifennu ffurflen derbyn i ysgolion yn Gymraeg ac yn Saesneg gyda'i gilydd"),
    ],
)
def test_a_standards_page_lists_its_examples(client, examples, language, title):
    response = client.get(f"/{language}/standards/5/")
    assert escape(title) in response.text
    response = client.get(f"/{language}/standards/7/")
    assert escape(title) not in response.text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_examples_list_can_be_filtered_by_standard_phase_and_organisation(
    client, examples, bodies, language
):
    url = f"/{language}/manual/examples/"
    assert client.get(url).context["examples"].__len__() == 3
    assert [e.slug for e in client.get(url, {"standard": "4"}).context["examples"]] == [
        "journey-home-from-hospital"
    ]
    assert [e.slug for e in client.get(url, {"phase": "beta"}).context["examples"]] == [
        "missed-bin-reports-in-the-open"
    ]
    by_council = client.get(url, {"organisation": bodies["council"].slug}).context["examples"]
    assert {e.slug for e in by_council} == {
        "bilingual-school-admissions-form",
        "missed-bin-reports-in-the-open",
    }


def test_unknown_filter_values_are_ignored(client, examples):
    response = client.get("/en/manual/examples/", {"standard": "x", "phase": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["examples"]) == 3


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_example_page_shows_its_body_service_and_standards(client, examples, language):
    example = examples.get(slug="bilingual-school-admissions-form")
    page = example.get_translation(
        ExampleIndexPage.objects.get(locale__language_code=language).locale
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    assert example.service.public_id in response.text
    assert f"/{language}/standards/2/" in response.text


def test_examples_without_organisations_are_skipped_until_they_are_loaded(manual):
    assert not ExamplePage.objects.exists()
