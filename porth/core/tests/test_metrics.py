"""Prometheus figures at /metrics: requests and latency from django-prometheus, and the task
queue and failed tasks from porth.core.metrics; only for a scrape that knows the token."""

import pytest

from porth.core.models import FailedTask

pytestmark = pytest.mark.django_db


def test_without_a_token_the_metrics_are_not_shown(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics").status_code == 403


def test_a_wrong_token_is_refused(client, settings):
    settings.METRICS_TOKEN = "scrape-secret"

    response = client.get("/metrics", headers={"Authorization": "Bearer not-it"})

    assert response.status_code == 403


def test_a_scrape_with_the_token_gets_requests_latency_queue_and_failed_tasks(client, settings):
    settings.METRICS_TOKEN = "scrape-secret"
    FailedTask.objects.create(task_path="porth.core.tasks.send_email", attempts=5)
    FailedTask.objects.create(
        task_path="porth.core.tasks.send_email", attempts=5, state=FailedTask.State.DISMISSED
    )
    client.get("/healthz")

    response = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "django_http_requests_total_by_method_total" in text
    assert "django_http_requests_latency_seconds_by_view_method" in text
    assert "porth_tasks_waiting " in text
    assert "porth_tasks_oldest_waiting_seconds " in text
    assert "porth_failed_tasks 1.0" in text
