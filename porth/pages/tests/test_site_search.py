"""The site search reads the words of Wagtail pages, not only their titles (ADR 0057)."""

import pytest
from wagtail.models import Page

from porth.core.site_search import search_site
from porth.pages.models import ContentPage
from porth.pages.site_search import find, word_forms

pytestmark = pytest.mark.django_db


def titles(query: str, language: str) -> list[str]:
    from django.utils import translation

    with translation.override(language):
        return [result.title for result in find(query).results]


def test_a_word_only_in_the_body_finds_the_page_in_each_language(seeded_site):
    # "browser" and "porwr" are in the privacy notice's body, not in its title or summary.
    assert "Privacy notice" in titles("browser", "en")
    assert "Hysbysiad preifatrwydd" in titles("porwr", "cy")
    assert "Hysbysiad preifatrwydd" not in titles("porwr", "en")


@pytest.mark.parametrize("typed", ["porwr", "borwr", "mhorwr", "phorwr"])
def test_a_welsh_word_in_any_mutated_form_finds_the_page(seeded_site, typed):
    assert "Hysbysiad preifatrwydd" in titles(typed, "cy")


def test_a_mutated_form_on_the_page_is_found_by_the_radical(seeded_site):
    # The Welsh privacy notice says "ei dudalennau"; a reader types "tudalennau".
    assert "Hysbysiad preifatrwydd" in titles("golygon tudalennau", "cy")


def test_every_word_must_be_on_the_page(seeded_site):
    assert "Privacy notice" not in titles("browser zzxqy", "en")


def test_a_page_taken_down_is_not_found_though_the_index_still_holds_it(seeded_site):
    privacy = ContentPage.objects.get(locale__language_code="en", title="Privacy notice")
    Page.objects.filter(pk=privacy.pk).update(live=False)

    assert "Privacy notice" not in titles("browser", "en")


def test_the_title_is_still_found_without_the_index(seeded_site):
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()

    assert "Privacy notice" in titles("privacy", "en")
    assert "Privacy notice" not in titles("browser", "en")


def test_welsh_words_are_looked_for_in_every_form_and_english_as_typed():
    assert {"treth", "dreth", "nhreth", "threth"} <= word_forms("dreth", "cy")
    assert word_forms("Tax", "en") == {"tax"}


def test_the_search_page_shows_a_page_found_by_its_body(client, seeded_site):
    assert "Privacy notice" in client.get("/en/search/?q=browser").text
    assert search_site("browser").count >= 1
