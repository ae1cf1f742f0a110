"""The register's background work, queued once the current transaction commits (at once outside
one). The shape every app follows (docs/architecture.md, "Tasks"; ADR 0028): views call this
module after the action; it enqueues `tasks`; tasks call the actions (`imports`); actions never
import `tasks` or this module."""

from django.db import transaction

from . import tasks
from .models import SpreadsheetImport


def queue_import_check(*, spreadsheet_import: SpreadsheetImport) -> None:
    """Ask the worker to check an uploaded spreadsheet (`imports.check_import`)."""
    import_id = spreadsheet_import.pk
    transaction.on_commit(lambda: tasks.check_import_later.enqueue(import_id=import_id))


def queue_import_apply(*, spreadsheet_import: SpreadsheetImport) -> None:
    """Ask the worker to apply a confirmed spreadsheet (`imports.apply_import`)."""
    import_id = spreadsheet_import.pk
    transaction.on_commit(lambda: tasks.apply_import_later.enqueue(import_id=import_id))
