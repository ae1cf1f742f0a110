"""Bulk import of services and figures from a spreadsheet (docs/adr/0012-bulk-import.md).

Upload (`start_import`) → the worker checks every row (`check_import`) and works out what
would change, with progress shown as it goes → the person reads the preview and every
problem → confirms (`confirm_import`) → the worker checks the file again and applies it in one
transaction (`apply_import`) → summary. A file with any problem changes nothing.

- `reading`: CSV (UTF-8, UTF-8 with BOM, Windows-1252) and .xlsx files into rows of cells
- `columns`: the open data download's columns, and matching a file's column names to them
- `cells`: one cell into a value, or a problem
- `problems`: every problem as a message code that reads in Welsh or English
- `services`, `metrics`: checking rows and writing them
"""

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from porth.open_data.actions import queue_landscape_refresh
from porth.organisations.models import Organisation

from ..models import ImportKind, ImportStatus, SpreadsheetImport
from .metrics import check_figures, write_figures
from .problems import FileRefused, Problem, describe
from .reading import read_table
from .services import check_services, write_services

logger = logging.getLogger(__name__)

__all__ = [
    "FileRefused",
    "ImportHasProblems",
    "ImportNotReady",
    "confirm_import",
    "describe",
    "import_metric_file",
    "start_import",
]


class ImportHasProblems(Exception):
    """The file has problems, so nothing from it may be written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems, first: {problems[0].as_data()}")
        self.problems = problems


class ImportNotReady(Exception):
    """Only a checked import with no problems can be applied, and only once."""


def _progress(pk: int):
    def report(done: int, total: int) -> None:
        SpreadsheetImport.objects.filter(pk=pk).update(rows_checked=done, rows_total=total)

    return report


def _check(record: SpreadsheetImport, *, progress: Any, dry_run: bool, changed_by: Any) -> dict:
    """Read and check the file; then write it, or (dry run) work out what writing would do.

    Raises FileRefused for the whole file and ImportHasProblems for rows.
    """
    table = read_table(bytes(record.file_data), record.file_name)
    if record.kind == ImportKind.SERVICES:
        checked = check_services(table, organisation=record.organisation, progress=progress)
        if checked.problems:
            raise ImportHasProblems(checked.problems)
        if dry_run:
            with transaction.atomic():
                outcome = write_services(checked.planned, changed_by=changed_by)
                transaction.set_rollback(True)
        else:
            outcome = write_services(checked.planned, changed_by=changed_by)
    else:
        figures = check_figures(table, organisation=record.organisation, progress=progress)
        checked = figures
        if figures.problems:
            raise ImportHasProblems(figures.problems)
        outcome = write_figures(
            figures.rows, recorded_by=changed_by, public_ids=figures.public_ids, dry_run=dry_run
        )
    outcome["ignored_columns"] = checked.ignored_columns
    if not sum(outcome["counts"].values()):
        raise FileRefused("no_rows")
    return outcome


def start_import(
    *, organisation: Organisation, kind: str, file_name: str, data: bytes, uploaded_by: Any
) -> SpreadsheetImport:
    """Keep the file and queue its check; the check runs in the worker."""
    from ..tasks import check_import_later

    if len(data) > settings.REGISTER_IMPORT_MAX_BYTES:
        raise FileRefused("too_big", limit=settings.REGISTER_IMPORT_MAX_BYTES // (1024 * 1024))
    record = SpreadsheetImport.objects.create(
        organisation=organisation,
        kind=kind,
        file_name=file_name[:255],
        file_data=data,
        uploaded_by=uploaded_by,
    )
    transaction.on_commit(lambda: check_import_later.enqueue(import_id=record.pk))
    return record


def check_import(import_id: int) -> None:
    """The worker's check: every problem, or a preview of what applying would change."""
    record = SpreadsheetImport.objects.select_related("organisation").get(pk=import_id)
    if record.status != ImportStatus.QUEUED:
        return
    SpreadsheetImport.objects.filter(pk=import_id).update(status=ImportStatus.CHECKING)
    status, problems, preview = ImportStatus.CHECKED, [], {}
    try:
        preview = _check(record, progress=_progress(import_id), dry_run=True, changed_by=None)
    except FileRefused as refused:
        status, problems = ImportStatus.REFUSED, [refused.problem.as_data()]
    except ImportHasProblems as found:
        problems = [problem.as_data() for problem in found.problems]
    except Exception:
        logger.exception("Checking import %s failed", import_id)
        status, problems = ImportStatus.FAILED, [Problem("worker_failed").as_data()]
    SpreadsheetImport.objects.filter(pk=import_id).update(
        status=status, problems=problems, preview=preview, updated_at=timezone.now()
    )


def confirm_import(*, spreadsheet_import: SpreadsheetImport, confirmed_by: Any) -> None:
    """Queue applying a checked import. Raises ImportNotReady unless it is checked and has no
    problems (or its worker was lost while applying it)."""
    from ..tasks import apply_import_later

    with transaction.atomic():
        record = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet_import.pk)
        if not (record.can_be_applied or record.has_stalled):
            raise ImportNotReady
        record.status = ImportStatus.APPLYING
        record.applied_by = confirmed_by
        record.save(update_fields=["status", "applied_by", "updated_at"])
        transaction.on_commit(lambda: apply_import_later.enqueue(import_id=record.pk))


def apply_import(import_id: int) -> None:
    """The worker's apply: check the file again (the register may have changed since the
    preview) and write it all in one transaction. If anything fails, or the worker dies, the
    transaction rolls back and nothing from the file is left behind."""
    try:
        with transaction.atomic():
            record = (
                SpreadsheetImport.objects.select_for_update(of=("self",))
                .select_related("organisation", "applied_by")
                .get(pk=import_id)
            )
            if record.status != ImportStatus.APPLYING:
                return
            summary = _check(
                record, progress=_progress(import_id), dry_run=False, changed_by=record.applied_by
            )
            record.status = ImportStatus.APPLIED
            record.summary = summary
            record.applied_at = timezone.now()
            record.save(update_fields=["status", "summary", "applied_at", "updated_at"])
            queue_landscape_refresh()
    except (FileRefused, ImportHasProblems) as error:
        problems = (
            [error.problem.as_data()]
            if isinstance(error, FileRefused)
            else [problem.as_data() for problem in error.problems]
        )
        SpreadsheetImport.objects.filter(pk=import_id).update(
            status=ImportStatus.CHECKED, problems=problems, updated_at=timezone.now()
        )
    except Exception:
        logger.exception("Applying import %s failed", import_id)
        SpreadsheetImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            problems=[Problem("worker_failed").as_data()],
            updated_at=timezone.now(),
        )


def import_metric_file(path: Path | str) -> int:
    """Check and write a CSV or .xlsx file of figures for any service, in one transaction;
    returns the number of rows. Raises FileRefused or ImportHasProblems (writing nothing).

    For scripts and the benchmark (bench/register.py); people import through the pages.
    """
    path = Path(path)
    table = read_table(path.read_bytes(), path.name)
    with transaction.atomic():
        figures = check_figures(table, organisation=None)
        if figures.problems:
            raise ImportHasProblems(figures.problems)
        write_figures(figures.rows, recorded_by=None, public_ids=figures.public_ids)
    return len(figures.rows)
