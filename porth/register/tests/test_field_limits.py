"""Finding 11: a service's details have limits, and every door words a broken one the same way.

The three doors that write a service (the question pages, the spreadsheet import and the API)
call the validators of porth/register/validation.py, so a description that is too long, a name
with a hidden direction override or a phase dated in year 1 gets the same message, in English
and in Welsh, whichever door it came through.
"""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from porth.open_data.tests.factories import make_service, token_for
from porth.register.forms import NameForm, PhaseForm, RetireForm
from porth.register.models import Service
from porth.register.validation import (
    DESCRIPTION_MAX_LENGTH,
    validate_description,
    validate_name,
    validate_phase_date,
)

from .test_imports import SERVICE_HEADERS, csv_bytes, messages, run

pytestmark = pytest.mark.django_db

GOOD = {
    "name_en": "Empty the bins",
    "name_cy": "Gwagio'r biniau",
    "description_en": "Bins emptied weekly.",
    "description_cy": "Gwagio biniau bob wythnos.",
}
TOO_LONG = "a" * (DESCRIPTION_MAX_LENGTH + 1)
BIDI_NAME = "Pay council tax \u202eexe.xat"
YEAR_ONE = datetime.date(1, 1, 1)

# (what is wrong, the field it is in, the bad value, the rule that refuses it)
BAD_VALUES = [
    ("too-long description", "description_en", TOO_LONG, validate_description),
    ("name with a bidi override", "name_en", BIDI_NAME, validate_name),
    ("phase date in year 1", "phase_from", YEAR_ONE, validate_phase_date),
]


def expected(rule: Callable, value) -> dict[str, str]:
    """The shared rule's message in both languages."""
    with pytest.raises(ValidationError) as raised:
        rule(value)
    texts = {}
    for language in ("en", "cy"):
        with translation.override(language):
            texts[language] = raised.value.messages[0]
    return texts


def through_the_form(organisation, field: str, value) -> dict[str, str]:
    texts = {}
    for language in ("en", "cy"):
        with translation.override(language):
            if field == "phase_from":
                form = PhaseForm(
                    data={
                        "phase": "live",
                        "phase_from_day": str(value.day),
                        "phase_from_month": str(value.month),
                        "phase_from_year": str(value.year),
                    },
                    organisation=organisation,
                )
            else:
                form = NameForm(data={**GOOD, field: value}, organisation=organisation)
            assert not form.is_valid()
            texts[language] = form.errors[field][0]
    return texts


def through_the_import(organisation, editor, field: str, value) -> dict[str, str]:
    headers = [*SERVICE_HEADERS, "phase_since"]
    row = {**GOOD, "service_area": "waste-recycling", "phase": "live", "phase_since": ""}
    column = "phase_since" if field == "phase_from" else field
    row[column] = value.isoformat() if isinstance(value, datetime.date) else value
    record = run(organisation, editor, csv_bytes([headers, [row[name] for name in headers]]))
    texts = {}
    for language in ("en", "cy"):
        found = [text for _row, at, text in messages(record, language) if at == column]
        assert found, record.problems
        texts[language] = found[0]
    return texts


def through_the_api(client, organisation, editor, field: str, value) -> dict[str, str]:
    payload = {
        **GOOD,
        "organisation": organisation.slug,
        "service_area": "waste-recycling",
        "phase": "live",
        "phase_from": "2025-01-01",
    }
    payload[field] = value.isoformat() if isinstance(value, datetime.date) else value
    secret = token_for(editor)
    texts = {}
    for language in ("en", "cy"):
        response = client.post(
            "/api/v1/services/",
            payload,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 400, response.content
        texts[language] = response.json()[field][0]
    return texts


@pytest.mark.parametrize("door", ["form", "import", "api"])
@pytest.mark.parametrize(
    ("problem", "field", "value", "rule"), BAD_VALUES, ids=[bad[0] for bad in BAD_VALUES]
)
def test_finding_11_each_door_refuses_a_bad_value_with_the_same_bilingual_message(
    client, organisation, editor, door, problem, field, value, rule
):
    if door == "form":
        texts = through_the_form(organisation, field, value)
    elif door == "import":
        texts = through_the_import(organisation, editor, field, value)
    else:
        texts = through_the_api(client, organisation, editor, field, value)

    assert texts == expected(rule, value)
    assert texts["en"] != texts["cy"]
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Pay\ncouncil tax",
        "Pay council tax\r\nnow",
        "Pay\tcouncil tax",
        "Pay council tax\x85",
        "Pay\u2066 council tax",
        "Pay council tax\u202a",
        "Pay\x00 council tax",
    ],
)
def test_finding_11_a_name_with_a_line_break_or_hidden_character_is_refused(name):
    with pytest.raises(ValidationError):
        validate_name(name)


def test_finding_11_a_description_keeps_its_paragraphs_but_not_hidden_characters():
    validate_description("First paragraph.\r\n\r\nSecond paragraph.\tIndented.")
    validate_description("Ysgol Gymraeg: dŵr, tŷ, â – ‘quotes’ “quotes” emoji 😀")
    with pytest.raises(ValidationError):
        validate_description("Text with a \u202e reversed part")
    with pytest.raises(ValidationError):
        validate_description("Bell \x07 character")


def test_finding_11_a_description_of_5000_characters_is_accepted_and_one_more_is_not():
    validate_description("a" * DESCRIPTION_MAX_LENGTH)
    with pytest.raises(ValidationError) as raised:
        validate_description(TOO_LONG)
    assert "5,000" in raised.value.messages[0]


def test_finding_11_a_phase_date_must_be_from_1990_to_today():
    validate_phase_date(datetime.date(1990, 1, 1))
    for too_early in (datetime.date(1, 1, 1), datetime.date(1989, 12, 31)):
        with pytest.raises(ValidationError):
            validate_phase_date(too_early)
    with pytest.raises(ValidationError):
        validate_phase_date(datetime.date.today() + datetime.timedelta(days=400))


def test_finding_11_a_retirement_dated_before_1990_is_refused(organisation):
    form = RetireForm(data={"retired_on_day": "1", "retired_on_month": "1", "retired_on_year": "1"})
    assert not form.is_valid()
    assert "1990" in form.errors["retired_on"][0]


def test_finding_11_the_model_refuses_a_million_character_description(organisation):
    """What the finding saved: the action's model check is a last net behind the doors."""
    from porth.register import actions

    service = make_service(organisation)
    details = actions.ServiceDetails.from_service(service)
    details.description_en = "a" * 1_000_000
    with pytest.raises(ValidationError) as raised:
        actions.update_service(service=service, details=details, changed_by=None)
    assert "description_en" in raised.value.message_dict
    service.refresh_from_db()
    assert len(service.description_en) < 100
