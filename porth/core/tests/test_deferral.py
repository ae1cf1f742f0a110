"""A task asked to run later waits where its own queue can hold it, and runs at once where it
cannot (porth.core.deferral, ADR 0066)."""

import datetime

import pytest
from django.utils import timezone

from porth.core.deferral import can_defer, enqueue_after
from porth.core.tasks import ping

pytestmark = pytest.mark.django_db


def test_a_queue_that_can_wait_holds_the_task_until_the_time_given(queue_that_waits):
    later = timezone.now() + datetime.timedelta(minutes=3)

    assert can_defer(ping)
    enqueue_after(ping, later)

    [queued] = queue_that_waits
    assert queued.task.run_after == later


def test_a_queue_that_cannot_wait_runs_the_task_at_once():
    later = timezone.now() + datetime.timedelta(minutes=3)

    assert not can_defer(ping)  # the tests' immediate queue
    result = enqueue_after(ping, later)

    assert result.return_value == "pong"


def test_the_question_is_put_to_the_tasks_own_queue_not_the_default(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "waiting": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }

    assert not can_defer(ping)
    assert can_defer(ping.using(backend="waiting"))
