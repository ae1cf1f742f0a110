"""Figures by any period through the API (issue 11 item 4, ADR 0046): a financial year named by
the body's own reference, and the register's words for a period that starts on the wrong day."""

import datetime

import pytest
from django.utils import translation

from porth.register.models import MetricValue

from .factories import make_service, token_for

pytestmark = pytest.mark.django_db


def post(client, secret: str, data: dict, language: str = "en"):
    with translation.override(language):
        return client.post(
            "/api/v1/metrics/",
            data,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
            HTTP_ACCEPT_LANGUAGE=language,
        )


def test_an_editor_records_a_financial_year_by_the_bodys_reference(client, organisation, editor):
    service = make_service(organisation, reference="HR-042")
    response = post(
        client,
        token_for(editor),
        {
            "organisation": organisation.slug,
            "reference": "HR-042",
            "measure": "website-visits",
            "period_type": "financial_year",
            "period_start": "2024-04-01",
            "value": "48000",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["service"] == service.public_id
    assert body["reference"] == "HR-042"
    assert (body["period_start"], body["period_end"]) == ("2024-04-01", "2025-03-31")
    assert MetricValue.objects.get().period_type == "financial_year"


def test_a_reference_the_body_does_not_have_is_refused(client, organisation, editor):
    make_service(organisation, reference="HR-042")
    response = post(
        client,
        token_for(editor),
        {
            "organisation": organisation.slug,
            "reference": "HR-999",
            "measure": "enquiries",
            "period_type": "month",
            "period_start": "2025-01-01",
            "value": "5",
        },
    )
    assert response.status_code == 400
    assert "HR-999" in response.json()["reference"][0]
    assert not MetricValue.objects.exists()


def test_another_bodys_reference_cannot_be_written_to(client, other_organisation, editor):
    make_service(other_organisation, reference="HR-042")
    response = post(
        client,
        token_for(editor),
        {
            "organisation": other_organisation.slug,
            "reference": "HR-042",
            "measure": "enquiries",
            "period_type": "month",
            "period_start": "2025-01-01",
            "value": "5",
        },
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "A calendar year must start on 1 January, not 1 April 2024"),
        ("cy", "Rhaid i flwyddyn galendr ddechrau ar 1 Ionawr, nid 1 Ebrill 2024"),
    ],
)
def test_a_year_starting_on_the_wrong_day_gets_the_question_pages_words(
    client, organisation, editor, language, words
):
    service = make_service(organisation)
    response = post(
        client,
        token_for(editor),
        {
            "service": service.public_id,
            "measure": "enquiries",
            "period_type": "calendar_year",
            "period_start": datetime.date(2024, 4, 1).isoformat(),
            "value": "5",
        },
        language,
    )
    assert response.status_code == 400
    assert response.json()["period_start"] == [words]
