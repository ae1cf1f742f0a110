"""A language named in itself ("Cymraeg" on an English page) carries its own `lang` (WCAG 3.1.2)."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


class _LanguageChoice(forms.Form):
    radios = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.RadioSelect)
    select = forms.ChoiceField(choices=settings.LANGUAGES)


def _rendered(field: str, language: str) -> BeautifulSoup:
    with translation.override(language):
        html = render_to_string("components/field.html", {"field": _LanguageChoice()[field]})
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    ("page_language", "other", "name"), [("en", "cy", "Cymraeg"), ("cy", "en", "English")]
)
def test_a_radio_naming_the_other_language_is_marked_with_that_language(page_language, other, name):
    labels = {
        label.get_text(strip=True): label.get("lang")
        for label in _rendered("radios", page_language).select("label")
    }

    assert labels[name] == other
    own_name = dict(settings.LANGUAGES)[page_language]
    assert labels[own_name] is None


@pytest.mark.parametrize(
    ("page_language", "other", "name"), [("en", "cy", "Cymraeg"), ("cy", "en", "English")]
)
def test_an_option_naming_the_other_language_is_marked_with_that_language(
    page_language, other, name
):
    options = {
        option.get_text(strip=True): option.get("lang")
        for option in _rendered("select", page_language).select("option")
    }

    assert options[name] == other


@pytest.mark.parametrize(
    ("page_language", "other", "name"), [("en", "cy", "Cymraeg"), ("cy", "en", "English")]
)
def test_the_preferences_page_marks_the_other_languages_name(
    client, person, page_language, other, name
):
    client.force_login(person)
    with translation.override(page_language):
        url = reverse("accounts:preference_update")

    html = BeautifulSoup(client.get(url).content, "html.parser")

    label = next(
        label
        for label in html.select("label.govuk-radios__label")
        if label.get_text(strip=True) == name
    )
    assert label.get("lang") == other
    switch = html.select_one("nav.govuk-language-navigation a")
    assert switch.get("lang") == other
