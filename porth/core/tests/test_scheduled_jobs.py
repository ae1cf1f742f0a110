"""Scheduled jobs run one copy at a time (porth.core.locks, `manage.py scheduled`)."""

import contextlib
import fcntl
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from porth.core import locks

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def _held_by_another_process(name: str):
    """Take the lock the way a second machine would: another database session, or another
    open file."""
    if connection.vendor == "postgresql":
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [locks._key(name)])
            yield
        finally:
            other.close()
        return
    folder = Path(settings.VAR_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"lock-{locks._key(name) & 0xFFFFFFFF:08x}", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def test_a_job_runs_when_no_other_copy_is_running():
    out = io.StringIO()

    call_command("scheduled", "check", stdout=out)

    assert "skipped" not in out.getvalue()


def test_a_second_copy_of_a_job_is_skipped_while_the_first_holds_the_lock():
    out = io.StringIO()

    with _held_by_another_process("porth.scheduled.check"):
        call_command("scheduled", "check", stdout=out)

    assert "another copy is running; skipped" in out.getvalue()


def test_the_lock_is_released_when_the_job_ends():
    with locks.only_one("porth.test.released") as first:
        assert first
    with locks.only_one("porth.test.released") as again:
        assert again


def test_different_jobs_do_not_block_each_other():
    with (
        _held_by_another_process("porth.scheduled.recover_imports"),
        locks.only_one("porth.scheduled.publish_scheduled") as held,
    ):
        assert held


def test_each_test_worker_keeps_its_file_locks_apart_from_the_others():
    """On SQLite the locks are files, so two xdist workers sharing a folder took each other's:
    a build test in one worker found the build lock held by a build test in another."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")

    assert Path(settings.VAR_DIR).name == worker
    assert Path(settings.VAR_DIR).parent.name == "test"
