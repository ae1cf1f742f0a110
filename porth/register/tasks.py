"""Background work: imports are checked and applied in the worker, not in a request. Each task
calls one action; `queue` enqueues them (ADR 0028)."""

from django_tasks import task

from .imports import apply_import, check_import


@task()
def check_import_later(*, import_id: int) -> None:
    """Check an uploaded spreadsheet and prepare its preview (`imports.check_import`)."""
    check_import(import_id)


@task()
def apply_import_later(*, import_id: int) -> None:
    """Apply a confirmed spreadsheet in one transaction (`imports.apply_import`)."""
    apply_import(import_id)
