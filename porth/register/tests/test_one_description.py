"""A Service is described once (porth/register/description.py) and every door derives from it.

The accessibility statement's web address was added with only the model, a migration, one
declaration and the Welsh catalogue; these tests show it in every door. The three doors that
write a service give the same message for the same bad value of every declared text field.
"""

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from porth.open_data.tests.factories import make_service, token_for
from porth.register import actions
from porth.register.description import (
    FIELD_LABELS,
    SERVICE_COLUMNS,
    SIMPLE_FIELDS,
    ServiceField,
    column_label,
)
from porth.register.forms import NameForm, OwnerForm
from porth.register.imports.columns import template_headers
from porth.register.models import Service, ServiceChange

from .test_imports import SERVICE_HEADERS, confirm, csv_bytes, messages, run

pytestmark = pytest.mark.django_db

STATEMENT = "https://www.example.gov.wales/accessibility"
GOOD_NAME = {
    "name_en": "Empty the bins",
    "name_cy": "Gwagio'r biniau",
    "description_en": "Bins emptied weekly.",
    "description_cy": "Gwagio biniau bob wythnos.",
}
GOOD_OWNER = {"owner_name": "Alys Owen", "owner_role": "", "owner_email": "alys@example.gov.wales"}
STEP_FORMS = {"name": (NameForm, GOOD_NAME), "owner": (OwnerForm, GOOD_OWNER)}

# A value each kind of field refuses, and one more for the accessibility statement (not https).
BAD_BY_KIND = {
    "line": "Pay council tax \u202eexe.xat",
    "paragraph": "a" * 5001,
    "web_address": "not a web address",
    "email": "not-an-email",
}
BAD_VALUES = [(declared, BAD_BY_KIND[declared.kind]) for declared in SIMPLE_FIELDS] + [
    (field, "http://www.example.gov.wales/accessibility")
    for field in SIMPLE_FIELDS
    if field.name == "accessibility_statement_url"
]


def expected(declared: ServiceField, value: str) -> dict[str, str]:
    texts = {}
    for language in ("en", "cy"):
        with translation.override(language):
            for validator in declared.validators:
                try:
                    validator(value)
                except ValidationError as error:
                    texts[language] = error.messages[0]
                    break
    assert set(texts) == {"en", "cy"}, f"{value!r} should be refused"
    return texts


def through_the_form(organisation, declared: ServiceField, value: str) -> dict[str, str]:
    form_class, good = STEP_FORMS[declared.step]
    texts = {}
    for language in ("en", "cy"):
        with translation.override(language):
            form = form_class(data={**good, declared.name: value}, organisation=organisation)
            assert not form.is_valid()
            texts[language] = form.errors[declared.name][0]
    return texts


def through_the_import(organisation, editor, declared: ServiceField, value: str) -> dict[str, str]:
    headers = [*SERVICE_HEADERS, declared.name]
    row = [*GOOD_NAME.values(), "waste-recycling", "live", value]
    if declared.name in GOOD_NAME:
        row[list(GOOD_NAME).index(declared.name)] = value
        headers, row = headers[:-1], row[:-1]
    record = run(organisation, editor, csv_bytes([headers, row]))
    texts = {}
    for language in ("en", "cy"):
        found = [text for _row, at, text in messages(record, language) if at == declared.name]
        assert found, record.problems
        texts[language] = found[0]
    return texts


def through_the_api(client, organisation, editor, declared: ServiceField, value: str):
    payload = {
        **GOOD_NAME,
        "organisation": organisation.slug,
        "service_area": "waste-recycling",
        "phase": "live",
        "phase_from": "2025-01-01",
        declared.name: value,
    }
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
        texts[language] = response.json()[declared.name][0]
    return texts


@pytest.mark.parametrize("door", ["form", "import", "api"])
@pytest.mark.parametrize(
    ("declared", "value"),
    BAD_VALUES,
    ids=[f"{declared.name}-{index}" for index, (declared, _v) in enumerate(BAD_VALUES)],
)
def test_finding_11_every_declared_field_gets_the_same_message_through_every_door(
    client, organisation, editor, door, declared, value
):
    if door == "form":
        texts = through_the_form(organisation, declared, value)
    elif door == "import":
        texts = through_the_import(organisation, editor, declared, value)
    else:
        texts = through_the_api(client, organisation, editor, declared, value)

    assert texts == expected(declared, value)
    assert texts["en"] != texts["cy"]
    assert not Service.objects.exists()


def test_the_accessibility_statement_is_asked_on_the_name_question_page(organisation):
    form = NameForm(
        data={**GOOD_NAME, "accessibility_statement_url": STATEMENT}, organisation=organisation
    )
    assert form.is_valid(), form.errors
    assert form.details()["accessibility_statement_url"] == STATEMENT
    assert "Accessibility statement" in [str(row.label) for row in form.summary()]

    service = make_service(organisation, accessibility_statement_url=STATEMENT)
    assert NameForm.data_from(service)["accessibility_statement_url"] == STATEMENT


def test_the_accessibility_statement_must_be_https(organisation):
    form = NameForm(
        data={**GOOD_NAME, "accessibility_statement_url": "http://example.gov.wales/a11y"},
        organisation=organisation,
    )
    assert not form.is_valid()
    assert form.errors["accessibility_statement_url"] == [
        "Enter a web address that starts with https://"
    ]


def test_the_accessibility_statement_is_imported_and_its_change_is_in_the_history(
    organisation, editor
):
    headers = [*SERVICE_HEADERS, "Accessibility statement"]
    row = [*GOOD_NAME.values(), "waste-recycling", "live", STATEMENT]
    confirm(run(organisation, editor, csv_bytes([headers, row])), editor)
    service = Service.objects.get()
    assert service.accessibility_statement_url == STATEMENT

    details = actions.ServiceDetails.from_service(service)
    details.accessibility_statement_url = STATEMENT + "-cy"
    actions.update_service(service=service, details=details, changed_by=editor)
    change = ServiceChange.objects.filter(service=service).latest("pk")
    [entry] = change.changes
    assert entry["field"] == "accessibility_statement_url"
    assert entry["label"] == {"en": "Accessibility statement", "cy": "Datganiad hygyrchedd"}
    assert entry["new"]["en"] == STATEMENT + "-cy"


def test_the_import_template_has_the_accessibility_statement_column():
    assert "Accessibility statement" in template_headers("services", "en")
    assert "Datganiad hygyrchedd" in template_headers("services", "cy")


def _published(organisation):
    return make_service(organisation, accessibility_statement_url=STATEMENT)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_accessibility_statement_is_in_the_csv_json_and_xlsx_downloads(client, organisation):
    service = _published(organisation)
    header = next(c for c in SERVICE_COLUMNS if c.code == "accessibility_statement_url").header
    assert header == "Accessibility statement / Datganiad hygyrchedd"

    rows = list(
        csv.DictReader(
            io.StringIO(_body(client.get("/en/open-data/services.csv")).decode("utf-8-sig"))
        )
    )
    assert [row[header] for row in rows] == [STATEMENT]

    document = json.loads(_body(client.get("/en/open-data/services.json")))
    [row] = [r for r in document["rows"] if r["public_id"] == service.public_id]
    assert row["accessibility_statement_url"] == STATEMENT

    sheet = load_workbook(io.BytesIO(_body(client.get("/en/open-data/services.xlsx")))).active
    headers, values = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    assert dict(zip(headers, values, strict=True))[header] == STATEMENT


def test_the_accessibility_statement_is_read_and_written_through_the_api(
    client, organisation, editor
):
    service = _published(organisation)
    read = client.get(f"/api/v1/services/{service.public_id}/").json()
    assert read["accessibility_statement_url"] == STATEMENT

    response = client.patch(
        f"/api/v1/services/{service.public_id}/",
        {"accessibility_statement_url": "https://www.example.gov.wales/hygyrchedd"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(editor)}",
    )
    assert response.status_code == 200, response.content
    service.refresh_from_db()
    assert service.accessibility_statement_url == "https://www.example.gov.wales/hygyrchedd"


def test_the_history_labels_and_column_labels_come_from_the_description():
    assert set(FIELD_LABELS) >= {declared.name for declared in SIMPLE_FIELDS}
    with translation.override("cy"):
        assert column_label("accessibility_statement_url") == "Datganiad hygyrchedd"


def test_the_owners_email_is_spelled_out_only_in_the_model_and_the_description():
    """Adding a field touches the model, a migration and the description, nowhere else."""
    root = Path(__file__).resolve().parents[3]
    found = subprocess.run(
        ["git", "grep", "-l", '"owner_email"', "--", "porth", ":!*/tests/*", ":!*/migrations/*"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert found == ["porth/register/description.py"]
