"""The open API follows the web's conventions: CORS, ETags, caching and a rate limit (issue 12)."""

import pytest

from porth.register.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_any_site_may_read_the_open_api(client):
    response = client.get("/api/v1/services/", HTTP_ORIGIN="https://example.org")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_reads_only_and_no_token(client):
    response = client.options(
        "/api/v1/services/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Authorization" not in response["Access-Control-Allow-Headers"]


def test_a_write_gets_no_cors_header(client):
    response = client.post("/api/v1/services/", {}, HTTP_ORIGIN="https://example.org")

    assert "Access-Control-Allow-Origin" not in response


def test_a_read_has_an_etag_and_may_be_cached_for_a_minute(client):
    service = ServiceFactory()

    response = client.get(f"/api/v1/services/{service.public_id}/")

    assert response["ETag"].startswith('"')
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Authorization" in response["Vary"]


def test_a_client_with_the_current_etag_gets_304_without_a_body(client):
    service = ServiceFactory()
    etag = client.get(f"/api/v1/services/{service.public_id}/")["ETag"]

    response = client.get(f"/api/v1/services/{service.public_id}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_changed_record_has_a_new_etag(client):
    service = ServiceFactory()
    etag = client.get(f"/api/v1/services/{service.public_id}/")["ETag"]
    service.name_en = "Renamed"
    service.save()

    response = client.get(f"/api/v1/services/{service.public_id}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_anonymous_use_is_limited_with_429_and_retry_after(client, settings):
    settings.PORTH_API_ANONYMOUS_RATE = "3/minute"

    statuses = [client.get("/api/v1/service-areas/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert int(client.get("/api/v1/service-areas/")["Retry-After"]) > 0


def test_a_client_cannot_escape_the_limit_by_naming_another_address_in_a_header(client, settings):
    settings.PORTH_API_ANONYMOUS_RATE = "3/minute"

    statuses = [
        client.get("/api/v1/service-areas/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code
        for number in range(4)
    ]

    assert statuses == [200, 200, 200, 429]
