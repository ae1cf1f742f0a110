from datetime import date

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from porth.core.seeding import SeedOptions
from porth.pages import actions, demo
from porth.pages.actions import SeedContentMismatch, seed_pages
from porth.pages.models import ContentPage, HomePage
from porth.pages.seed_content import SeedPage, Text, paragraph
from porth.pages.seed_content.site import CHILDREN
from porth.pages.tests.fixtures import SEED_CONTACT_EMAIL, SEED_DATE

CHILD_SLUGS = ["about", "accessibility", "privacy", "cookies", "welsh-language", "contact"]


def seed() -> actions.SeedResult:
    return seed_pages(contact_email=SEED_CONTACT_EMAIL, today=SEED_DATE)


def english_and_welsh(slug: str) -> tuple[Page, Page]:
    english = ContentPage.objects.get(slug=slug, locale__language_code="en")
    welsh = ContentPage.objects.get(slug=slug, locale__language_code="cy")
    return english, welsh


@pytest.mark.django_db
def test_seeding_makes_both_locales_and_a_default_site_rooted_at_the_english_home_page():
    seed()

    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "cy"}
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "localhost" and site.port == 80
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "en"


@pytest.mark.django_db
def test_seeding_replaces_wagtails_welcome_page():
    seed()

    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert Page.objects.filter(depth=2).count() == 2  # the English and Welsh home pages


@pytest.mark.django_db
def test_every_page_is_made_in_both_languages_with_the_same_slug():
    result = seed()

    assert len(result.created) == 14
    assert sorted(
        ContentPage.objects.filter(locale__language_code="cy").values_list("slug", flat=True)
    ) == sorted(CHILD_SLUGS)
    for slug in CHILD_SLUGS:
        english, welsh = english_and_welsh(slug)
        assert english.live and welsh.live
        assert english.title != welsh.title


@pytest.mark.django_db
def test_english_and_welsh_pages_are_translations_of_each_other_both_ways():
    seed()
    english_locale = Locale.objects.get(language_code="en")
    welsh_locale = Locale.objects.get(language_code="cy")

    english_home = HomePage.objects.get(locale=english_locale)
    welsh_home = HomePage.objects.get(locale=welsh_locale)
    assert english_home.get_translation(welsh_locale) == welsh_home
    assert welsh_home.get_translation(english_locale) == english_home
    assert welsh_home.title == "Porth" and welsh_home.slug == "hafan"
    for slug in CHILD_SLUGS:
        english, welsh = english_and_welsh(slug)
        assert english.get_translation(welsh_locale) == welsh
        assert welsh.get_translation(english_locale) == english
        assert welsh.get_parent().specific == welsh_home


@pytest.mark.django_db
def test_welsh_pages_are_fully_translated_synced_translations_editors_can_keep_in_step():
    seed()
    welsh_locale = Locale.objects.get(language_code="cy")

    for slug in CHILD_SLUGS:
        english, _welsh = english_and_welsh(slug)
        source = TranslationSource.objects.get_for_instance(english)
        translation = Translation.objects.get(source=source, target_locale=welsh_locale)
        total, translated = translation.get_progress()
        assert translation.enabled and total == translated > 0, slug
    assert not StringTranslation.objects.filter(has_error=True).exists()


@pytest.mark.django_db
def test_welsh_pages_carry_welsh_text_with_every_placeholder_filled():
    seed()

    _english, welsh = english_and_welsh("privacy")
    assert welsh.title == "Hysbysiad preifatrwydd"
    body = str(welsh.body.raw_data)
    assert "Eich hawliau" in body
    assert SEED_CONTACT_EMAIL in body
    assert "{contact_email}" not in body and "page:" not in body
    _english, accessibility = english_and_welsh("accessibility")
    assert "25 Tachwedd 2026" in str(accessibility.body.raw_data)


@pytest.mark.django_db
def test_seeding_again_changes_nothing():
    seed()
    counts = (Page.objects.count(), Revision.objects.count(), StringTranslation.objects.count())

    result = seed()

    assert result.created == [] and len(result.kept) == 14
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        StringTranslation.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_seeding_again_keeps_what_editors_changed():
    seed()
    english, _welsh = english_and_welsh("about")
    english.title = "About this platform"
    english.save_revision().publish()

    seed()

    assert ContentPage.objects.get(pk=english.pk).title == "About this platform"


@pytest.mark.django_db
def test_the_pages_demo_module_seeds_the_pages_and_reports_what_it_made():
    lines: list[str] = []

    demo.seed(demo=False, options=SeedOptions(today=SEED_DATE), out=lines.append)
    demo.seed(demo=False, options=SeedOptions(today=SEED_DATE), out=lines.append)

    assert lines == ["Pages: 14 created, 0 already there.", "Pages: 0 created, 14 already there."]


@pytest.mark.django_db(transaction=True)
def test_seeding_after_a_database_flush_remakes_the_root_page_locales_and_site():
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists()

    seed()

    assert Page.get_first_root_node() is not None
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert ContentPage.objects.filter(slug="privacy").count() == 2


@pytest.mark.django_db
def test_welsh_that_does_not_match_the_english_structure_is_refused(monkeypatch):
    mismatched = SeedPage(
        key="mismatched",
        slug=Text("mismatched", "mismatched"),
        title=Text("Mismatched", "Anghyson"),
        lead=Text("", ""),
        body=[paragraph("<ul><li>one</li><li>two</li></ul>", "<ul><li>un</li></ul>")],
    )
    monkeypatch.setattr(actions, "CHILDREN", [*CHILDREN, mismatched])

    with pytest.raises(SeedContentMismatch, match="Mismatched"):
        seed()


@pytest.mark.django_db
def test_welsh_with_different_links_from_the_english_is_refused(monkeypatch):
    mismatched = SeedPage(
        key="mismatched",
        slug=Text("mismatched", "mismatched"),
        title=Text("Mismatched", "Anghyson"),
        lead=Text("", ""),
        body=[paragraph('<p>Read <a href="page:about">this</a>.</p>', "<p>Darllenwch hwn.</p>")],
    )
    monkeypatch.setattr(actions, "CHILDREN", [*CHILDREN, mismatched])

    with pytest.raises(SeedContentMismatch, match="same links"):
        seed()


def test_the_seed_date_is_written_in_each_language():
    words_en = actions._words("en", {}, "a@b", date(2026, 3, 1))
    words_cy = actions._words("cy", {}, "a@b", date(2026, 3, 1))

    assert words_en(Text("{today}", "{today}")) == "1 March 2026"
    assert words_cy(Text("{today}", "{today}")) == "1 Mawrth 2026"
