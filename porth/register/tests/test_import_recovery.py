"""Issue 9, finding 7: a worker that dies must not leave an import stuck (docs/adr/0017).

An import being checked or applied shows it is alive by a heartbeat, or by holding its row
inside its transaction; one with neither for a minute lost its worker and is marked: a check
fails with what to do, an apply (rolled back) can be confirmed again at once.
"""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone

from porth.register import imports, queue
from porth.register.imports import apply_import, check_import, recover_abandoned_imports
from porth.register.models import ImportKind, ImportStatus, MetricValue, SpreadsheetImport

from .test_actions import create
from .test_imports import (
    METRIC_HEADERS,
    SERVICE_HEADERS,
    csv_bytes,
    import_url,
    messages,
    run,
    service_row,
)

ROOT = Path(__file__).resolve().parents[3]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: row locks and a second process"
)


def stuck(record, status, *, seconds_ago=120):
    """Leave the import as a worker that died `seconds_ago` would have."""
    SpreadsheetImport.objects.filter(pk=record.pk).update(
        status=status, heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )
    record.refresh_from_db()
    return record


@pytest.mark.django_db
def test_finding_7_a_check_whose_worker_died_fails_with_what_to_do(organisation, editor):
    record = stuck(
        run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()])), "checking"
    )
    call_command("recover_imports", verbosity=0)  # the scheduled job
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    assert messages(record, "en")[0][2] == (
        "The check stopped before it finished. Upload the file again"
    )
    assert messages(record, "cy")[0][2] == (
        "Stopiodd y gwiriad cyn gorffen. Lanlwythwch y ffeil eto"
    )


@pytest.mark.django_db
def test_finding_7_imports_that_show_signs_of_life_are_left_alone(organisation, editor):
    data = csv_bytes([SERVICE_HEADERS, service_row()])
    busy = stuck(run(organisation, editor, data), "checking", seconds_ago=10)
    waiting = run(organisation, editor, data)
    imports.confirm_import(spreadsheet_import=waiting, confirmed_by=editor)  # in the queue
    SpreadsheetImport.objects.filter(pk=waiting.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert recover_abandoned_imports() == []
    assert SpreadsheetImport.objects.get(pk=busy.pk).status == ImportStatus.CHECKING
    assert SpreadsheetImport.objects.get(pk=waiting.pk).status == ImportStatus.APPLYING


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_7_the_page_offers_to_find_out_and_only_a_post_changes_anything(
    client, organisation, editor, language
):
    record = stuck(
        run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()])), "checking"
    )
    client.force_login(editor)
    page = client.get(import_url("import_detail", organisation, language, pk=record.pk))
    text = page.content.decode()
    assert ("Find out if it stopped" if language == "en" else "Gweld a yw wedi stopio") in text
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKING  # reading the page wrote nothing
    client.get(import_url("import_progress", organisation, language, pk=record.pk))
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKING
    response = client.post(import_url("import_recover", organisation, language, pk=record.pk))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    text = client.get(response["Location"]).content.decode()
    assert (
        "The check stopped before it finished. Upload the file again"
        if language == "en"
        else "Stopiodd y gwiriad cyn gorffen. Lanlwythwch y ffeil eto"
    ) in text


@pytest.mark.django_db
def test_finding_7_asking_about_a_live_import_says_it_is_still_being_worked_on(
    client, organisation, editor
):
    record = stuck(
        run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()])),
        "checking",
        seconds_ago=5,
    )
    client.force_login(editor)
    response = client.post(import_url("import_recover", organisation, pk=record.pk))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The file is still being worked on. Check again in a minute."
    ]
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKING


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_7_an_apply_whose_worker_died_says_so_and_can_be_confirmed_again_at_once(
    client, organisation, editor, language, django_capture_on_commit_callbacks
):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    record = stuck(record, "applying")
    assert recover_abandoned_imports() == [record.pk]
    record.refresh_from_db()
    assert (record.status, record.notice) == (ImportStatus.CHECKED, "apply_stopped")
    client.force_login(editor)
    page = client.get(import_url("import_detail", organisation, language, pk=record.pk))
    assert (
        "Importing stopped before it finished, so nothing was changed. Confirm again to import "
        "the file"
        if language == "en"
        else "Stopiodd y mewngludo cyn gorffen, felly ni newidiwyd dim. Cadarnhewch eto i "
        "fewngludo&#x27;r ffeil"
    ) in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(import_url("import_confirm", organisation, language, pk=record.pk))
    record.refresh_from_db()
    assert (record.status, record.notice) == (ImportStatus.APPLIED, "")


@pytest.mark.django_db
def test_finding_7_confirming_again_while_it_is_being_applied_says_so(client, organisation, editor):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)  # in the queue
    client.force_login(editor)
    response = client.post(import_url("import_confirm", organisation, pk=record.pk))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This file is already being imported. Nothing is imported twice."
    ]


# --- On PostgreSQL: a live transaction, and a real worker killed --------------------------
# Plain transactional tests: the root conftest puts back the reference data a flush removes.
# serialized_rollback would reload the content types saved at set-up, which clash with the
# ones an earlier flushed test made again (a unique violation in a random order).


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_finding_7_a_live_workers_long_transaction_is_not_taken_for_a_dead_one(
    organisation, editor
):
    record = stuck(
        run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()])), "applying"
    )
    holding, release = threading.Event(), threading.Event()

    def worker() -> None:
        try:
            with transaction.atomic():
                imports._hold(record.pk)
                # The heartbeat it writes is not seen outside; the row lock is.
                SpreadsheetImport.objects.filter(pk=record.pk).update(
                    heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
                )
                holding.set()
                release.wait(30)
                transaction.set_rollback(True)  # it dies: everything rolls back
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    assert holding.wait(30)
    try:
        assert recover_abandoned_imports() == []
    finally:
        release.set()
        thread.join()
    assert recover_abandoned_imports() == [record.pk]


def _figures_file(services: list, months: int) -> bytes:
    """Four figures a month for each service, from January 1800: all valid."""
    rows = [METRIC_HEADERS]
    codes = ["user-satisfaction", "completion-rate", "digital-take-up", "transactions-online"]
    for service in services:
        for month in range(months):
            start = datetime.date(1800 + month // 12, 1 + month % 12, 1)
            rows += [[service.public_id, code, "month", start.isoformat(), "50"] for code in codes]
    return csv_bytes(rows)


def _wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def _is_locked(pk: int) -> bool:
    try:
        with transaction.atomic():
            SpreadsheetImport.objects.select_for_update(nowait=True).filter(pk=pk).exists()
    except OperationalError:
        return True
    return False


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_finding_7_killing_a_real_worker_while_it_checks_or_applies_leaves_nothing_stuck(
    organisation, editor, settings, monkeypatch
):
    """Starts `manage.py db_worker` on the test database and kills it (SIGKILL) twice."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services = [create(organisation, editor, name_en=f"Service {n}") for n in range(10)]
    data = _figures_file(services, 2500)  # 100,000 rows: seconds of work to kill it in
    database = connection.settings_dict
    address = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "TASK_BACKEND": "database",
        "DATABASE_URL": f"postgres://{database['USER']}@{address}/{database['NAME']}",
    }

    def start_worker() -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # 1. Killed while checking: the import stays "being checked" until the sweep.
    record = imports.start_import(
        organisation=organisation, kind=ImportKind.METRICS, file_name="figures.csv",
        data=data, uploaded_by=editor,
    )  # fmt: skip
    queue.queue_import_check(spreadsheet_import=record)
    worker = start_worker()
    try:
        _wait_for(
            lambda: SpreadsheetImport.objects.filter(
                pk=record.pk, status=ImportStatus.CHECKING, rows_checked__gte=2000
            ).exists()
        )
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKING
    assert recover_abandoned_imports() == []  # its heartbeat is recent
    monkeypatch.setattr(imports, "ABANDONED_AFTER", datetime.timedelta(0))
    _wait_for(lambda: not _is_locked(record.pk), 30)
    assert recover_abandoned_imports() == [record.pk]
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    assert messages(record)[0][2] == "The check stopped before it finished. Upload the file again"

    # 2. Killed while applying: nothing is half-applied, and it can be confirmed again at once.
    monkeypatch.setattr(imports, "ABANDONED_AFTER", datetime.timedelta(seconds=60))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    record = imports.start_import(
        organisation=organisation, kind=ImportKind.METRICS, file_name="figures.csv",
        data=data, uploaded_by=editor,
    )  # fmt: skip
    check_import(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.CHECKED and not record.problems, record.problems
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    queue.queue_import_apply(spreadsheet_import=record)
    worker = start_worker()
    try:
        _wait_for(lambda: _is_locked(record.pk))  # inside its one transaction
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    _wait_for(lambda: not _is_locked(record.pk), 30)
    assert MetricValue.objects.count() == 0
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLYING
    monkeypatch.setattr(imports, "ABANDONED_AFTER", datetime.timedelta(0))
    assert recover_abandoned_imports() == [record.pk]
    record.refresh_from_db()
    assert (record.status, record.notice) == (ImportStatus.CHECKED, "apply_stopped")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    imports.confirm_import(spreadsheet_import=record, confirmed_by=editor)
    apply_import(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED, record.problems
    assert MetricValue.objects.count() == 100_000
