"""A task whose worker is killed (SIGKILL) mid-run is run again, once, by another worker.

Real `db_worker` loops (django-tasks-db, as `make run` and `manage.py db_worker` run them), on a
scratch database of their own so the suite's database is untouched. They are forked from this
process, already set up, so no worker pays Django's start-up again: the test takes a few
seconds. Marked `slow`; it runs in `make test`.
"""

import datetime
import json
import os
import signal
import time
import traceback
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from porth.core import task_runs
from porth.core.tests.killable_tasks import WORK_TABLE, write_once

pytestmark = pytest.mark.slow

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _use_scratch_database(folder: Path) -> None:
    """In a forked child only: the default connection now points at a scratch database, a
    SQLite file or, when the suite runs on PostgreSQL, a fresh PostgreSQL database."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{settings_dict['NAME']}_killed_worker"[:63]
        # From the server's own database: the one the settings name need not exist.
        settings_dict["NAME"] = "postgres"
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings_dict["NAME"] = name
    else:
        settings_dict["NAME"] = str(folder / "queue.sqlite3")
    # Closed after the name changes: an in-memory SQLite database is never closed otherwise.
    connection.close()


def _fork(function) -> int:
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 1
        try:
            function()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _wait(pid: int, *, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


def _worker(worker_id: str, *, batch: bool) -> None:
    arguments = ["--interval", "0.05", "--worker-id", worker_id, "--no-startup-delay"]
    call_command("db_worker", *arguments, *(["--batch"] if batch else []), verbosity=0)


def _scenario(folder: Path) -> dict:
    """Runs in a forked child: enqueue, kill the worker mid-task, recover, run again."""
    from django_tasks_db.models import DBTaskResult

    _use_scratch_database(folder)
    marker = folder / "started"
    report: dict = {}
    with override_settings(TASKS=QUEUE), connection.schema_editor() as editor:
        editor.create_model(DBTaskResult)
        editor.execute(f"CREATE TABLE {WORK_TABLE} (key varchar(40) PRIMARY KEY, pid integer)")
    with override_settings(TASKS=QUEUE):
        result = write_once.enqueue(key="only-once", marker=str(marker))
        connection.close()
        first = _fork(lambda: _worker("first", batch=False))
        deadline = time.monotonic() + 15
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        report["first_started"] = marker.exists()
        # The worker is alive and holds the task: recovery must leave it alone.
        report["recovered_while_alive"] = task_runs.recover_abandoned_tasks(
            grace=datetime.timedelta(0)
        )
        os.kill(first, signal.SIGKILL)
        report["first_exit"] = _wait(first, seconds=10)
        connection.close()
        row = DBTaskResult.objects.get(pk=result.id)
        report["status_after_kill"] = row.status
        report["recovered_after_kill"] = task_runs.recover_abandoned_tasks(
            grace=datetime.timedelta(0)
        )
        connection.close()
        second = _fork(lambda: _worker("second", batch=True))
        report["second_exit"] = _wait(second, seconds=15)
        connection.close()
        row = DBTaskResult.objects.get(pk=result.id)
        report["status"] = row.status
        report["worker_ids"] = row.worker_ids
        report["return_value"] = row.return_value
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, pid FROM {WORK_TABLE}")
            report["work"] = cursor.fetchall()
        report["first_pid"] = first
        report["second_pid"] = second
    if connection.vendor == "postgresql":
        scratch = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = "postgres"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        connection.close()
    return report


def test_a_task_whose_worker_is_killed_mid_run_is_run_again_once(tmp_path, django_db_blocker):
    out = tmp_path / "report.json"

    def scenario() -> None:
        out.write_text(json.dumps(_scenario(tmp_path)))

    with django_db_blocker.unblock():
        child = _fork(scenario)
        status = _wait(child, seconds=60)
    assert status == 0, "the scenario's process failed or did not finish"
    report = json.loads(out.read_text())

    assert report["first_started"]
    assert report["recovered_while_alive"] == []
    assert report["first_exit"] is not None  # the first worker is gone
    assert report["status_after_kill"] == "RUNNING"  # as django-tasks-db leaves it
    assert len(report["recovered_after_kill"]) == 1
    assert report["second_exit"] == 0
    assert report["status"] == "SUCCESSFUL"
    assert report["worker_ids"] == ["first", "second"]
    assert report["return_value"] == "only-once"
    # The killed run's write was rolled back; the second run's is the only one.
    assert report["work"] == [["only-once", report["second_pid"]]]
