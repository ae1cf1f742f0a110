"""/healthz: what load balancers and uptime checks ask."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_200_when_the_database_and_queue_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}


def test_the_health_check_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_the_health_check_answers_503_when_the_database_does_not(client):
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection refused")

    with mock.patch("porth.core.views.connection", broken):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "error", "queue": "ok"}}


def test_the_health_check_answers_503_when_the_queue_does_not(client):
    with mock.patch(
        "porth.core.views._queue_is_reachable", side_effect=ConnectionError("no redis")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "queue": "error"}


def test_the_health_check_reads_the_database_queue_when_that_backend_is_used(client, settings):
    settings.TASK_BACKEND = "database"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == "ok"


def test_the_health_check_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
