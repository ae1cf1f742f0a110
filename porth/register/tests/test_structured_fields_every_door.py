"""Every structured field of the description is read and checked once, by its declared
structure (porth/register/structured.py), whichever door a value comes in by (ADR 0048).

The test walks `STRUCTURED_FIELDS`: for each field, values it refuses and a value it accepts
go through the question page, the spreadsheet import, the API's POST and its bulk door. Each
door must refuse with the message the declaration itself gives, in both languages, and must
read an accepted value as the declaration reads it.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from porth.open_data.tests.factories import token_for
from porth.register.actions import ServiceDetails
from porth.register.description import STRUCTURED_FIELDS, ServiceField
from porth.register.forms import STEPS_BY_SLUG
from porth.register.models import Service
from porth.register.structured import Lookups, Refused

from .factories import ServiceAreaFactory
from .test_imports import SERVICE_HEADERS, confirm, csv_bytes, messages, run

pytestmark = pytest.mark.django_db

GOOD = {
    "name_en": "Empty the bins",
    "name_cy": "Gwagio'r biniau",
    "description_en": "Bins emptied weekly.",
    "description_cy": "Gwagio biniau bob wythnos.",
}
AREA = "waste-recycling"
# What each question page needs besides the value being tried.
STEP_ANSWERS: dict[str, dict[str, Any]] = {
    "area": {"service_area": AREA, "users_served": ["public"]},
    "partners": {},
    "channels": {"channels": ["online"]},
    "online": {},
    "owner": {"owner_name": "Alys Owen", "owner_email": "alys@example.gov.wales"},
    "technology": {},
}
FIELDS = {declared.name: declared for declared in STRUCTURED_FIELDS}


@dataclass
class Case:
    field: str
    columns: dict[str, Any]  # column code → the value, as codes or names ("" or a list)
    why: str
    # The API's records (channels, steps) cannot say "in Welsh" of a channel it does not list.
    api_can_say_it: bool = True

    def __str__(self) -> str:
        return f"{self.field}: {self.why}"


def refused(organisation) -> list[Case]:
    return [
        Case("service_area", {"service_area": "no-such-area"}, "unknown code"),
        Case("service_area", {"service_area": "withdrawn-area"}, "withdrawn"),
        Case("users_served", {"users_served": ["public", "aliens"]}, "unknown code"),
        Case("partner_organisations", {"partner_organisations": ["no-such-body"]}, "unknown"),
        Case("partner_organisations", {"partner_organisations": [organisation.slug]}, "owner"),
        Case("channels", {"channels": ["online", "fax"]}, "unknown channel"),
        Case(
            "channels",
            {"channels": ["online"], "channels_in_welsh": ["phone"]},
            "Welsh for a channel not offered",
            api_can_say_it=False,
        ),
        Case("steps", {"steps": ["apply", "dance"]}, "unknown step"),
        Case(
            "steps",
            {"steps": ["apply"], "online_steps": ["apply"], "welsh_steps": ["pay"]},
            "Welsh for a step the service does not have",
            api_can_say_it=False,
        ),
        Case("team_roles", {"team_roles": ["juggling"]}, "unknown role"),
        Case("technology", {"technology": ["999999"]}, "unknown product ID"),
    ]


REFUSED_CASES = 11
ACCEPTED = [
    Case("service_area", {"service_area": "WASTE-RECYCLING"}, "code in capitals"),
    Case("users_served", {"users_served": ["Busnesau", "public"]}, "Welsh label and code"),
    Case("partner_organisations", {"partner_organisations": ["OTHER"]}, "by name"),
    Case("channels", {"channels": ["Phone", "online"], "channels_in_welsh": ["online"]}, "mixed"),
    Case(
        "steps",
        {"steps": ["apply", "pay"], "online_steps": ["apply"], "welsh_steps": ["apply", "pay"]},
        "two steps, both in Welsh",
    ),
    Case("team_roles", {"team_roles": ["Design", "data"]}, "label and code"),
    Case("technology", {"technology": ["Bin Rounds (Example Ltd)"]}, "a new product"),
]


def _prepare(organisation, other_organisation, case: Case) -> Case:
    ServiceAreaFactory(code="withdrawn-area", is_active=False)
    columns = {
        column: (
            [other_organisation.name_en if item == "OTHER" else item for item in value]
            if isinstance(value, list)
            else value
        )
        for column, value in case.columns.items()
    }
    return Case(case.field, columns, case.why, case.api_can_say_it)


def declared_words(organisation, declared: ServiceField, case: Case) -> tuple[str, dict]:
    """The column and the message the description itself gives for the value."""
    assert declared.structure is not None
    try:
        declared.structure.parse(case.columns, lookups=Lookups(organisation))
    except Refused as error:
        texts = {}
        for language in ("en", "cy"):
            with translation.override(language):
                texts[language] = error.error.messages[0]
        return error.column, texts
    raise AssertionError(f"{case} should be refused")


def declared_cells(organisation, declared: ServiceField, case: Case) -> dict[str, list[str]]:
    assert declared.structure is not None
    value = declared.structure.parse(case.columns, lookups=Lookups(organisation))
    return declared.structure.cells(value)


def form_data(declared: ServiceField, case: Case) -> dict[str, Any]:
    return {**STEP_ANSWERS[declared.step], **case.columns}


def _cell(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else value


def import_row(case: Case) -> tuple[list[str], list[str]]:
    headers = [*SERVICE_HEADERS]
    row = [*GOOD.values(), AREA, "live"]
    for column, value in case.columns.items():
        if column in headers:
            row[headers.index(column)] = _cell(value)
        else:
            headers.append(column)
            row.append(_cell(value))
    return headers, row


def api_value(declared: ServiceField, case: Case) -> Any:
    """The value as the API's POST takes it: records for channels and steps."""
    columns = case.columns
    if declared.name == "channels":
        welsh = set(columns.get("channels_in_welsh", []))
        return [
            {"channel": code, "is_available_in_welsh": code in welsh}
            for code in columns["channels"]
        ]
    if declared.name == "steps":
        online, welsh = set(columns.get("online_steps", [])), set(columns.get("welsh_steps", []))
        return [
            {"step": code, "online": code in online, "welsh": code in welsh}
            for code in columns["steps"]
        ]
    return columns[declared.name]


def post_to_api(client, organisation, editor, declared: ServiceField, case: Case, language="en"):
    payload = {
        **GOOD,
        "organisation": organisation.slug,
        "service_area": AREA,
        "phase": "live",
        "phase_from": "2025-01-01",
        declared.name: api_value(declared, case),
    }
    return client.post(
        "/api/v1/services/",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(editor)}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def post_in_bulk(client, organisation, editor, case: Case):
    record = {**GOOD, "service_area": AREA, "phase": "live", **case.columns}
    return client.post(
        f"/api/v1/organisations/{organisation.slug}/services/bulk/",
        {"services": [record]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(editor)}",
    )


def test_every_structured_field_is_tried_through_every_door(organisation):
    """Walking the description: a structured field added without cases here fails."""
    assert {case.field for case in refused(organisation)} == set(FIELDS)
    assert len(refused(organisation)) == REFUSED_CASES
    assert {case.field for case in ACCEPTED} == set(FIELDS)
    for declared in STRUCTURED_FIELDS:
        assert declared.step in STEPS_BY_SLUG, declared.name
        assert {question.column for question in declared.questions} == set(
            declared.structure.columns
        ), declared.name
        assert {column.code for column in declared.columns if column.imported} == set(
            declared.structure.columns
        ), declared.name


@pytest.mark.parametrize("door", ["form", "import", "api", "bulk"])
@pytest.mark.parametrize("index", range(REFUSED_CASES), ids=lambda index: f"case{index}")
def test_every_door_refuses_a_structured_value_in_the_declarations_words(
    client, organisation, other_organisation, editor, door, index
):
    case = _prepare(organisation, other_organisation, refused(organisation)[index])
    declared = FIELDS[case.field]
    column, expected = declared_words(organisation, declared, case)
    assert expected["en"] != expected["cy"]

    texts: dict[str, str] = {}
    if door == "form":
        form_class = STEPS_BY_SLUG[declared.step]
        for language in ("en", "cy"):
            with translation.override(language):
                form = form_class(data=form_data(declared, case), organisation=organisation)
                assert not form.is_valid()
                texts[language] = form.errors[column][0]
    elif door == "import":
        headers, row = import_row(case)
        record = run(organisation, editor, csv_bytes([headers, row]))
        for language in ("en", "cy"):
            found = [text for _row, at, text in messages(record, language) if at == column]
            assert found, record.problems
            texts[language] = found[0]
        assert record.problems[0].get("value") == _cell(case.columns[column])
    elif door == "api":
        if not case.api_can_say_it:
            pytest.skip("the API's records cannot express this value")
        for language in ("en", "cy"):
            response = post_to_api(client, organisation, editor, declared, case, language)
            assert response.status_code == 400, response.content
            texts[language] = response.json()[declared.name][0]
    else:
        response = post_in_bulk(client, organisation, editor, case)
        assert response.status_code == 400, response.content
        [problem] = [p for p in response.json()["problems"] if p["column"] == column]
        texts = problem["message"]

    assert texts == expected, str(case)
    assert not Service.objects.exists()


@pytest.mark.parametrize("door", ["form", "import", "api", "bulk"])
@pytest.mark.parametrize("case", ACCEPTED, ids=str)
def test_every_door_reads_an_accepted_structured_value_as_the_declaration_does(
    client, organisation, other_organisation, editor, door, case
):
    case = _prepare(organisation, other_organisation, case)
    declared = FIELDS[case.field]
    expected = declared_cells(organisation, declared, case)

    if door == "form":
        form = STEPS_BY_SLUG[declared.step](
            data=form_data(declared, case), organisation=organisation
        )
        assert form.is_valid(), form.errors
        value = form.details()[declared.name]
    else:
        if door == "import":
            headers, row = import_row(case)
            confirm(run(organisation, editor, csv_bytes([headers, row])), editor)
        elif door == "api":
            response = post_to_api(client, organisation, editor, declared, case)
            assert response.status_code == 201, response.content
        else:
            response = post_in_bulk(client, organisation, editor, case)
            assert response.status_code == 200, response.content
        service = Service.objects.get()
        value = getattr(ServiceDetails.from_service(service), declared.name)

    assert declared.structure.cells(value) == expected
