"""A small, dependency-free stand-in for a schemathesis run: every GET in the OpenAPI schema,
with each of its parameters set to awkward values, must never answer with a server error."""

import datetime

import pytest
import yaml

from .factories import make_service, record

pytestmark = pytest.mark.django_db

AWKWARD = ["", "x", "-1", "0", "99999999999999999999", "2026-13-45", "PS-", "ŵŷ✓", "%00", "a,b,,"]


def operations(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    for path, methods in schema["paths"].items():
        if "get" in methods:
            yield path, methods["get"].get("parameters", [])


def test_no_get_in_the_schema_answers_with_a_server_error(client, organisation):
    service = make_service(organisation)
    figure = record(service, "user-satisfaction", datetime.date(2025, 1, 1), "50")
    samples = {
        "public_id": [service.public_id, "PS-999999", "nonsense"],
        "id": [str(figure.pk), "999999", "abc"],
        "slug": [organisation.slug, "no-such-body"],
        "code": ["housing", "no-such-area"],
    }
    checked = 0
    for path, parameters in operations(client):
        in_path = [p["name"] for p in parameters if p["in"] == "path"]
        fillings = [{in_path[0]: value} for value in samples[in_path[0]]] if in_path else [{}]
        for filled in fillings:
            url = path.format(**filled)
            for parameter in (p for p in parameters if p["in"] == "query"):
                for value in AWKWARD:
                    response = client.get(url, {parameter["name"]: value})
                    assert response.status_code < 500, (url, parameter["name"], value)
                    checked += 1
            assert client.get(url).status_code < 500, url
    assert checked > 200
