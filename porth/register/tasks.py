"""Background work: imports are checked and applied in the worker, not in a request."""

from django_tasks import task


@task()
def check_import_later(*, import_id: int) -> None:
    """Check an uploaded spreadsheet and prepare its preview (`imports.check_import`)."""
    from .imports import check_import

    check_import(import_id)


@task()
def apply_import_later(*, import_id: int) -> None:
    """Apply a confirmed spreadsheet in one transaction (`imports.apply_import`)."""
    from .imports import apply_import

    apply_import(import_id)
