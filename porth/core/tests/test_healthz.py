"""/healthz: what load balancers and uptime checks ask."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import get_date_max

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


# --- /readyz: is this process ready for traffic (docs/deploy.md) ---------------------------


def test_readiness_answers_200_when_database_cache_queue_and_storage_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "queue": "ok", "storage": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_readiness_answers_503_when_a_task_has_waited_too_long(client, settings):
    settings.READYZ_MAX_QUEUE_AGE = 60
    with mock.patch(
        "porth.core.views._oldest_waiting_task_age", return_value=datetime.timedelta(minutes=5)
    ):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "error"


def test_readiness_answers_503_when_the_cache_does_not(client):
    with mock.patch("porth.core.views.cache.set", side_effect=ConnectionError("no redis")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


def test_readiness_answers_503_when_storage_does_not(client):
    with mock.patch(
        "porth.core.views.default_storage.exists", side_effect=OSError("bucket unreachable")
    ):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error"


def test_the_oldest_waiting_task_is_measured_from_when_it_was_queued(settings):
    from django_tasks_db.models import DBTaskResult

    from porth.core.views import _oldest_waiting_task_age

    settings.TASK_BACKEND = "database"
    assert _oldest_waiting_task_age() == datetime.timedelta(0)
    DBTaskResult.objects.create(
        task_path="porth.core.tasks.ping",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=15))

    assert _oldest_waiting_task_age() >= datetime.timedelta(minutes=15)


# --- Request IDs --------------------------------------------------------------------------


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert len(first) == 32
    assert first != second


def test_a_request_id_from_the_load_balancer_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == (
        "lb-1234abcd"
    )
    assert client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_log_lines_made_during_a_request_carry_its_id():
    import logging

    from porth.core import request_ids

    record = logging.LogRecord("porth", logging.INFO, __file__, 1, "hello", None, None)
    token = request_ids.begin("abc12345")
    try:
        request_ids.RequestIdFilter().filter(record)
    finally:
        request_ids.end(token)

    assert record.request_id == "abc12345"
