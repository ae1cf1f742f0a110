"""The shared GOV.UK date input: messages name the wrong part, and what was typed is kept."""

import datetime

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from porth.core.dates import GovukDateField, date_data


class WhenForm(forms.Form):
    when = GovukDateField(label="When?", allow_future=True, min_year=2000)


class PastForm(forms.Form):
    when = GovukDateField(label="When?")


def _typed(day="", month="", year=""):
    return {"when_day": day, "when_month": month, "when_year": year}


def test_three_numbers_make_a_date():
    form = WhenForm(_typed("27", "3", "2027"))
    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2027, 3, 27)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (_typed("", "3", "2027"), "The date must include a day"),
        (_typed("27", "", "2027"), "The date must include a month"),
        (_typed("27", "3", ""), "The date must include a year"),
        (_typed("32", "3", "2027"), "The day must be a number from 1 to 31"),
        (_typed("27", "13", "2027"), "The month must be a number from 1 to 12"),
        (_typed("27", "3", "27"), "The year must include 4 numbers"),
        (_typed("31", "2", "2027"), "Enter a real date, for example 27 3 2024"),
        (_typed("1", "1", "1999"), "The year must be between 2000 and 2100"),
        (_typed("a", "3", "2027"), "Enter a real date, for example 27 3 2024"),
    ],
)
def test_a_wrong_date_gets_a_message_that_names_what_is_wrong(typed, message):
    form = WhenForm(typed)
    assert not form.is_valid()
    assert form.errors["when"] == [message]


def test_a_future_date_is_refused_unless_allowed():
    form = PastForm(_typed("1", "1", "2099"))
    assert form.errors["when"] == ["The date must be today or in the past"]


def test_the_message_is_in_welsh_on_welsh_pages():
    with translation.override("cy"):
        form = WhenForm(_typed("27", "", "2027"))
        assert not form.is_valid()
        assert form.errors["when"][0] != "The date must include a month"


def test_the_boxes_keep_what_was_typed_and_only_the_wrong_one_is_highlighted():
    form = WhenForm(_typed("27", "xx", "2027"))
    form.is_valid()
    html = render_to_string("components/field.html", {"field": form["when"]})
    assert 'name="when_month"' in html and 'value="xx"' in html and 'value="27"' in html
    assert "govuk-date-input" in html and "govuk-form-group--error" in html


def test_a_missing_month_highlights_just_the_month():
    form = WhenForm(_typed("27", "", "2027"))
    form.is_valid()
    html = render_to_string("components/field.html", {"field": form["when"]})
    assert html.count("govuk-input--error") == 1
    month = next(tag for tag in html.split("<input") if 'name="when_month"' in tag)
    assert "govuk-input--error" in month


def test_date_data_fills_the_three_boxes_from_a_saved_date():
    assert date_data("when", datetime.date(2024, 3, 27)) == {
        "when_day": ["27"],
        "when_month": ["3"],
        "when_year": ["2024"],
    }
