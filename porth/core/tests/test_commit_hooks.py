"""`on_commit_once`: a job asked for many times in one transaction waits once, and asking costs
the same however many jobs wait (ADR 0055)."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from porth.core.commit_hooks import on_commit_once

pytestmark = pytest.mark.django_db

compared = []


@dataclass(frozen=True)
class Job:
    key: int

    def __eq__(self, other: object) -> bool:
        compared.append(self.key)
        return isinstance(other, Job) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __call__(self) -> None:
        ran.append(self.key)


ran: list[int] = []


@pytest.fixture(autouse=True)
def _clear():
    compared.clear()
    ran.clear()


def test_a_job_asked_for_twice_in_a_transaction_runs_once_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        on_commit_once(Job(1))
        on_commit_once(Job(2))
        on_commit_once(Job(1))
        assert ran == []
    assert ran == [1, 2]


def test_a_job_from_a_savepoint_rolled_back_is_asked_for_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        on_commit_once(Job(1))
        try:
            with transaction.atomic():
                on_commit_once(Job(2))
                raise RuntimeError
        except RuntimeError:
            pass
        on_commit_once(Job(2))
        on_commit_once(Job(1))
    assert ran == [1, 2]


def test_a_job_already_queued_with_on_commit_is_not_queued_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        transaction.on_commit(Job(3))
        on_commit_once(Job(3))
    assert ran == [3]


def test_asking_for_many_jobs_does_not_compare_each_with_every_one_waiting(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as waiting:
        for key in range(2_000):
            on_commit_once(Job(key))
    assert len(waiting) == 2_000
    # Looking through every waiting job each time would compare about two million times.
    assert len(compared) < 100
