import pytest
from django.utils.html import escape
from wagtail.models import Locale

from porth.standards.actions import ManualHomeMissing, seed_manual
from porth.standards.actions.manual import read_manual_content
from porth.standards.models import GuidancePage, ManualIndexPage, StandardGuidancePage


def test_the_manual_content_has_guidance_for_all_12_standards_in_both_languages():
    content = read_manual_content()
    assert [item["number"] for item in content["standards"]] == list(range(1, 13))
    for item in content["standards"]:
        english, welsh = item["en"], item["cy"]
        assert (
            set(english["phases"]) == set(welsh["phases"]) == {"discovery", "alpha", "beta", "live"}
        )
        assert len(english["questions"]) == len(welsh["questions"]) >= 4
        assert len(english["evidence"]) == len(welsh["evidence"]) >= 4
        assert english["introduction"] != welsh["introduction"]


@pytest.mark.django_db
def test_seeding_the_manual_needs_the_home_pages():
    with pytest.raises(ManualHomeMissing):
        seed_manual(content=read_manual_content())


def test_seeding_makes_the_whole_manual_in_both_languages(
    home_pages, standard_set, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = seed_manual(content=read_manual_content())
    assert made == 2 * (1 + 12 + 2 + 1)  # manual, standards, guidance, list of examples
    for language in ("en", "cy"):
        pages = StandardGuidancePage.objects.live().filter(locale__language_code=language)
        assert sorted(pages.values_list("standard_number", flat=True)) == list(range(1, 13))


def test_seeding_makes_each_page_in_english_and_welsh_as_translations(manual):
    welsh = Locale.objects.get(language_code="cy")
    assert StandardGuidancePage.objects.filter(locale=welsh).count() == 3
    welsh_manual = manual.get_translation(welsh)
    assert welsh_manual.title == "Llawlyfr Safonau Gwasanaeth Digidol Cymru"
    assert welsh_manual.live
    page = StandardGuidancePage.objects.get(locale__language_code="en", standard_number=5)
    assert page.get_translation(welsh).specific.title.startswith("Safon 5:")
    assert GuidancePage.objects.filter(locale=welsh).count() == 2


def test_seeding_the_manual_again_changes_nothing(
    manual, manual_content, django_capture_on_commit_callbacks
):
    page = StandardGuidancePage.objects.get(locale__language_code="en", standard_number=3)
    page.introduction = "Edited by centre staff"
    page.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        assert seed_manual(content=manual_content) == 0

    assert ManualIndexPage.objects.count() == 2
    assert StandardGuidancePage.objects.count() == 6
    page.refresh_from_db()
    assert page.introduction == "Edited by centre staff"


@pytest.mark.parametrize(
    ("language", "heading", "phase_heading", "question"),
    [
        (
            "en",
            "What this standard means",
            "In alpha",
            "Who are our users, and who have we not yet spoken to?",
        ),
        (
            "cy",
            "Beth mae’r safon hon yn ei olygu",
            "Yn y cyfnod alffa",
            "Pwy yw ein defnyddwyr, a gyda phwy nad ydym wedi siarad eto?",
        ),
    ],
)
def test_a_standard_page_shows_its_guidance_in_each_language(
    client, manual, criteria, language, heading, phase_heading, question
):
    response = client.get(f"/{language}/standards/3/")
    assert response.status_code == 200
    assert escape(question) in response.text
    assert escape(phase_heading) in response.text


def test_the_guidance_page_address_leads_to_the_standard_page(client, manual):
    page = StandardGuidancePage.objects.get(locale__language_code="cy", standard_number=7)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"] == "/cy/standards/7/"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Manual for the Digital Service Standards for Wales"),
        ("cy", "Llawlyfr Safonau Gwasanaeth Digidol Cymru"),
    ],
)
def test_the_manual_front_page_lists_the_standards_and_guidance(client, manual, language, title):
    response = client.get(f"/{language}/manual/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    assert escape(title) in response.text
    assert f"/{language}/standards/12/" in response.text
    assert f"/{language}/manual/phases/" in response.text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_guidance_pages_render_with_the_feedback_question(client, manual, language):
    response = client.get(f"/{language}/manual/self-assessment/")
    assert response.status_code == 200
    assert 'name="website"' in response.text
    assert 'name="useful"' in response.text


def test_the_language_switch_on_a_manual_page_goes_to_its_translation(client, manual):
    response = client.get("/en/manual/phases/")
    assert 'hreflang="cy" href="http://testserver/cy/manual/phases/"' in response.text
