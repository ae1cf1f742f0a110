"""The API's exchange doors (ADR 0040): PUT by the body's own reference, and the bulk endpoint,
both by the spreadsheet's rules: matched by ID or reference, never by name, all or nothing."""

import pytest

from porth.register.models import Service

from .factories import make_service, token_for
from .test_api_write import bearer, send

pytestmark = pytest.mark.django_db

BINS = {
    "name_en": "Book a bulky waste collection",
    "name_cy": "Trefnu casgliad gwastraff swmpus",
    "description_en": "Book a collection of large items.",
    "description_cy": "Trefnwch gasgliad o eitemau mawr.",
    "service_area": "waste-recycling",
    "users_served": ["public"],
    "channels": ["online", "phone"],
    "channels_in_welsh": ["online"],
    "phase": "live",
}


def put_url(organisation, reference: str) -> str:
    return f"/api/v1/organisations/{organisation.slug}/services/{reference}/"


def test_putting_the_same_service_twice_by_reference_makes_one_service(
    client, organisation, editor
):
    secret = token_for(editor)
    first = send(client, "put", put_url(organisation, "WASTE/7"), BINS, **bearer(secret))
    assert first.status_code == 201, first.content
    again = send(client, "put", put_url(organisation, "WASTE/7"), BINS, **bearer(secret))
    assert again.status_code == 200, again.content
    assert again.json()["public_id"] == first.json()["public_id"]
    renamed = {**BINS, "name_en": "Book a large item collection"}
    send(client, "put", put_url(organisation, "WASTE/7"), renamed, **bearer(secret))
    service = Service.objects.get(organisation=organisation)
    assert (service.reference, service.name_en) == ("WASTE/7", "Book a large item collection")
    assert service.channels.get(channel="online").is_available_in_welsh


def test_a_service_is_retired_through_put(client, organisation, editor):
    secret = token_for(editor)
    send(client, "put", put_url(organisation, "W-1"), BINS, **bearer(secret))
    retired = {**BINS, "is_retired": True, "retired_on": "2025-06-01"}
    answer = send(client, "put", put_url(organisation, "W-1"), retired, **bearer(secret))
    assert answer.status_code == 200, answer.content
    assert Service.objects.get().is_retired


def test_another_bodys_editor_cannot_put_or_bulk_for_this_body(client, organisation, outsider):
    secret = token_for(outsider)
    assert (
        send(client, "put", put_url(organisation, "W-1"), BINS, **bearer(secret)).status_code == 403
    )
    bulk = f"/api/v1/organisations/{organisation.slug}/services/bulk/"
    answer = send(client, "post", bulk, {"services": [BINS]}, **bearer(secret))
    assert answer.status_code == 403
    assert not Service.objects.exists()


def test_the_bulk_endpoint_is_all_or_nothing_with_the_spreadsheets_problems(
    client, organisation, editor
):
    secret = token_for(editor)
    bulk = f"/api/v1/organisations/{organisation.slug}/services/bulk/"
    records = [
        {**BINS, "reference": "A"},
        {**BINS, "reference": "B", "name_en": "Pay for parking", "service_area": "nowhere"},
        {**BINS, "reference": "C", "name_en": "Report a pothole", "url_en": "not an address"},
    ]
    answer = send(client, "post", bulk, {"services": records}, **bearer(secret))
    assert answer.status_code == 400
    problems = [(p["row"], p["column"], p["value"]) for p in answer.json()["problems"]]
    assert problems == [(2, "service_area", "nowhere"), (3, "url_en", "not an address")]
    assert "waste-recycling" in answer.json()["problems"][0]["message"]["en"]
    assert answer.json()["problems"][0]["message"]["cy"].startswith("Nid oes maes gwasanaeth")
    assert not Service.objects.exists()

    records[1]["service_area"] = "waste-recycling"
    records[2]["url_en"] = "https://example.gov.wales/potholes"
    answer = send(client, "post", bulk, {"services": records}, **bearer(secret))
    assert answer.status_code == 200, answer.content
    assert answer.json()["counts"] == {"created": 3, "updated": 0, "unchanged": 0}
    again = send(client, "post", bulk, {"services": records}, **bearer(secret))
    assert again.json()["counts"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert Service.objects.count() == 3


def test_the_bulk_endpoint_never_matches_by_name(client, organisation, editor):
    existing = make_service(organisation, name_en="Book a bulky waste collection")
    secret = token_for(editor)
    bulk = f"/api/v1/organisations/{organisation.slug}/services/bulk/"
    answer = send(client, "post", bulk, {"services": [BINS]}, **bearer(secret))
    assert answer.status_code == 400
    problem = answer.json()["problems"][0]
    assert (problem["code"], existing.public_id in problem["message"]["en"]) == (
        "possible_duplicate",
        True,
    )
    existing.refresh_from_db()
    assert existing.description_en != BINS["description_en"]
