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

Every import is bounded (rows, unpacked size, cell length, problems kept, time) and a worker
that dies leaves an import that `recover_abandoned_imports` marks within a minute or so
(docs/adr/0017-bounded-recoverable-imports.md).
"""

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone

from porth.core.permissions import is_centre_staff
from porth.organisations.models import Organisation

from ..actions.figures import InvalidFigures
from ..models import ImportKind, ImportStatus, SpreadsheetImport
from ..models.imports import ABANDONED_AFTER
from ..signals import register_changed
from .bodies import by_body, check_services_by_body
from .mapping import Profile, mapped, save_mapping
from .metrics import check_figures, problems_of, write_figures
from .problems import FileRefused, Problem, describe
from .reading import Limits, Table, read_table
from .services import Choices, check_services, write_services

logger = logging.getLogger(__name__)

__all__ = [
    "FileRefused",
    "ImportAlreadyApplying",
    "ImportHasProblems",
    "ImportNotReady",
    "SeveralBodiesNotAllowed",
    "choose_for_import",
    "confirm_import",
    "describe",
    "exchange_records",
    "import_metric_file",
    "map_import",
    "recover_abandoned_imports",
    "start_import",
]

clock: Callable[[], float] = time.monotonic
"""The worker's clock for its time budget (a test moves it on)."""


class ImportHasProblems(Exception):
    """The file has problems, so nothing from it may be written."""

    def __init__(self, problems: list[Problem], *, more: bool = False):
        super().__init__(f"{len(problems)} problems, first: {problems[0].as_data()}")
        self.problems = problems
        self.more = more


class ImportNotReady(Exception):
    """Only a checked import with no problems can be applied, and only once."""


class ImportAlreadyApplying(ImportNotReady):
    """The import is being applied now (by a worker that is still alive)."""


def limits(kind: str) -> Limits:
    """What one import of this kind may read (docs/adr/0017)."""
    rows = (
        settings.REGISTER_IMPORT_MAX_SERVICE_ROWS
        if kind == ImportKind.SERVICES
        else settings.REGISTER_IMPORT_MAX_FIGURE_ROWS
    )
    return Limits(
        rows=rows,
        unpacked_bytes=settings.REGISTER_IMPORT_MAX_UNPACKED_BYTES,
        cell_chars=settings.REGISTER_IMPORT_MAX_CELL_CHARS,
    )


class _Watch:
    """One check or apply as the worker runs it: its progress bar, its heartbeat (each
    progress report is one) and its time budget, which stops it with a refusal."""

    def __init__(self, pk: int):
        self.pk = pk
        self.seconds = settings.REGISTER_IMPORT_MAX_SECONDS
        self.deadline = clock() + self.seconds

    def tick(self) -> None:
        if clock() > self.deadline:
            raise FileRefused("took_too_long", limit=max(1, self.seconds // 60))

    def __call__(self, done: int, total: int) -> None:
        self.tick()
        SpreadsheetImport.objects.filter(pk=self.pk).update(
            rows_checked=done, rows_total=total, heartbeat_at=timezone.now()
        )


def _hold(pk: int) -> None:
    """Inside a transaction, write to the import's row first: PostgreSQL then keeps the row
    locked, and SQLite the database, until the transaction ends. That lock is how
    `recover_abandoned_imports` tells a live worker's long transaction from a dead one."""
    SpreadsheetImport.objects.filter(pk=pk).update(heartbeat_at=timezone.now())


NEEDS_MAPPING = ("missing_columns", "duplicate_column")
"""Refusals of the file's columns that the mapping page can put right (docs/adr/0047)."""


def _table(record: SpreadsheetImport) -> tuple[Table, Profile]:
    """The file read through its mapping, and the profile of its columns as it is read."""
    profile = Profile(read_table(bytes(record.file_data), record.file_name, limits(record.kind)))
    return mapped(profile.table, record.mapping, record.kind), profile


def _check(
    record: SpreadsheetImport, *, table: Table, watch: _Watch, dry_run: bool, changed_by: Any
) -> dict:
    """Check the file's rows; then write them, or (dry run) work out what writing would do.

    Raises FileRefused for the whole file and ImportHasProblems for rows.
    """
    max_problems = settings.REGISTER_IMPORT_MAX_PROBLEMS
    if record.kind == ImportKind.SERVICES:
        choices = Choices(
            empty_cells_clear=record.empty_cells_clear, decisions=dict(record.decisions)
        )
        row_bodies = None
        if record.several_bodies:
            checked, row_bodies = check_services_by_body(
                table, progress=watch, max_problems=max_problems, choices=choices
            )
        else:
            checked = check_services(
                table,
                organisation=record.organisation,
                progress=watch,
                max_problems=max_problems,
                choices=choices,
            )
        if not dry_run:
            # The register changed since the preview and a row now looks like a duplicate.
            checked.problems.extend(
                Problem(
                    "undecided_duplicate", row.row, "name_en", {"value": row.duplicate_of.public_id}
                )
                for row in checked.flagged
                if not row.skipped
            )
        if checked.problems:
            raise ImportHasProblems(checked.problems, more=checked.more_problems)
        with transaction.atomic():
            if dry_run:
                _hold(record.pk)
            outcome = write_services(
                checked.planned, changed_by=changed_by, tick=watch.tick, flagged=checked.flagged
            )
            if dry_run:
                transaction.set_rollback(True)
        if row_bodies is not None:
            outcome = by_body(outcome, row_bodies)
    else:
        figures = check_figures(
            table, organisation=record.organisation, progress=watch, max_problems=max_problems
        )
        checked = figures
        if figures.problems:
            raise ImportHasProblems(figures.problems, more=figures.more_problems)
        with transaction.atomic():
            if dry_run:
                _hold(record.pk)
            watch.tick()
            try:
                outcome = write_figures(
                    figures.rows, recorded_by=changed_by, public_ids=figures.public_ids,
                    dry_run=dry_run,
                )  # fmt: skip
            except InvalidFigures as refused:  # the register changed since the check
                raise ImportHasProblems(problems_of(refused)) from refused
            if dry_run:
                transaction.set_rollback(True)
    outcome["ignored_columns"] = checked.ignored_columns
    if not sum(outcome["counts"].values()) and not outcome.get("undecided", 0) + outcome.get(
        "skipped", 0
    ):
        raise FileRefused("no_rows")
    return outcome


class SeveralBodiesNotAllowed(Exception):
    """Only centre staff may import a file of services for several bodies at once."""


def start_import(
    *,
    organisation: Organisation,
    kind: str,
    file_name: str,
    data: bytes,
    uploaded_by: Any,
    several_bodies: bool = False,
) -> SpreadsheetImport:
    """Keep the file; the caller queues its check (`queue.queue_import_check`), which runs
    in the worker. `several_bodies`: a file of services whose organisation code column says
    whose each row is (centre staff only; raises SeveralBodiesNotAllowed otherwise)."""
    if several_bodies and (kind != ImportKind.SERVICES or not is_centre_staff(uploaded_by)):
        raise SeveralBodiesNotAllowed
    if len(data) > settings.REGISTER_IMPORT_MAX_BYTES:
        raise FileRefused("too_big", limit=settings.REGISTER_IMPORT_MAX_BYTES // (1024 * 1024))
    record = SpreadsheetImport.objects.create(
        organisation=organisation,
        kind=kind,
        file_name=file_name[:255],
        file_data=data,
        uploaded_by=uploaded_by,
        several_bodies=several_bodies,
    )
    return record


def check_import(import_id: int) -> None:
    """The worker's check: every problem (up to a limit), or a preview of what applying would
    change."""
    recover_abandoned_imports()
    # Claimed with a committed heartbeat: from now on a worker that dies leaves a trace.
    claimed = SpreadsheetImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, heartbeat_at=timezone.now(), updated_at=timezone.now()
    )
    if not claimed:
        return
    record = SpreadsheetImport.objects.select_related("organisation").get(pk=import_id)
    status, problems, preview, more = ImportStatus.CHECKED, [], {}, False
    profile = None
    try:
        table, profile = _table(record)
        watch = _Watch(import_id)
        preview = _check(record, table=table, watch=watch, dry_run=True, changed_by=None)
    except FileRefused as refused:
        status, problems = ImportStatus.REFUSED, [refused.problem.as_data()]
        if refused.problem.code in NEEDS_MAPPING:
            # Not refused: the person matches the file's columns to Porth's (docs/adr/0047).
            # Its message stays, to say on the mapping page what is missing.
            status = ImportStatus.MAPPING
    except ImportHasProblems as found:
        problems = [problem.as_data() for problem in found.problems]
        more = found.more
    except Exception:
        logger.exception("Checking import %s failed", import_id)
        status, problems = ImportStatus.FAILED, [Problem("worker_failed").as_data()]
    file_columns = {}
    if profile is not None and status in (ImportStatus.CHECKED, ImportStatus.MAPPING):
        try:
            profile.drain()
            file_columns = profile.as_data()
        except FileRefused as refused:
            status, problems, preview = ImportStatus.REFUSED, [refused.problem.as_data()], {}
    SpreadsheetImport.objects.filter(pk=import_id).update(
        status=status,
        problems=problems,
        has_more_problems=more,
        preview=preview,
        file_columns=file_columns,
        heartbeat_at=None,
        updated_at=timezone.now(),
    )


def choose_for_import(
    *,
    spreadsheet_import: SpreadsheetImport,
    empty_cells_clear: bool,
    decisions: dict[str, str],
    chosen_by: Any,
) -> None:
    """Keep the person's choices on the preview (ADR 0040) and send the file to be checked
    again, so the preview shows what applying will do with them; the caller queues the check
    (`queue.queue_import_check`). Raises ImportNotReady unless the import is checked."""
    with transaction.atomic():
        record = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet_import.pk)
        if record.status != ImportStatus.CHECKED or record.problems:
            raise ImportNotReady
        record.empty_cells_clear = empty_cells_clear
        record.decisions = {**record.decisions, **decisions}
        record.status = ImportStatus.QUEUED
        record.preview = {}
        record.rows_checked = 0
        record.save(
            update_fields=[
                "empty_cells_clear", "decisions", "status", "preview", "rows_checked", "updated_at"
            ]
        )  # fmt: skip


def map_import(
    *, spreadsheet_import: SpreadsheetImport, mapping: dict[str, Any], mapped_by: Any
) -> None:
    """Keep the person's mapping of the file's columns and values, save it as the body's for
    its next file, and send the file to be checked again through it (docs/adr/0047); the
    caller queues the check (`queue.queue_import_check`). `mapping` is {"columns": [a Porth
    column code, or "" to ignore, for each of the file's columns], "values": {code: {file
    value: Porth code}}}. Raises ImportNotReady unless the import waits for its columns or has
    been checked."""
    with transaction.atomic():
        record = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet_import.pk)
        if not record.may_be_mapped:
            raise ImportNotReady
        record.mapping = mapping
        record.status = ImportStatus.QUEUED
        record.problems, record.has_more_problems = [], False
        record.preview = {}
        record.rows_checked = 0
        record.save(
            update_fields=[
                "mapping", "status", "problems", "has_more_problems", "preview", "rows_checked",
                "updated_at",
            ]
        )  # fmt: skip
        save_mapping(
            organisation=record.organisation,
            kind=record.kind,
            headers=record.file_columns.get("headers", []),
            mapping=mapping,
            saved_by=mapped_by,
        )


def confirm_import(*, spreadsheet_import: SpreadsheetImport, confirmed_by: Any) -> None:
    """Mark a checked import as waiting to be applied; the caller queues it
    (`queue.queue_import_apply`). Raises ImportAlreadyApplying while a worker applies
    it, and ImportNotReady unless it is checked and has no problems. An import whose worker
    died while applying it is checked again, so it can be confirmed again at once."""
    recover_abandoned_imports(import_id=spreadsheet_import.pk)
    with transaction.atomic():
        record = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet_import.pk)
        if record.status == ImportStatus.APPLYING:
            raise ImportAlreadyApplying
        if not record.can_be_applied:
            raise ImportNotReady
        record.status = ImportStatus.APPLYING
        record.applied_by = confirmed_by
        record.notice = ""
        record.heartbeat_at = None  # waiting in the queue, which is not a lost worker
        record.save(update_fields=["status", "applied_by", "notice", "heartbeat_at", "updated_at"])


def apply_import(import_id: int) -> None:
    """The worker's apply: check the file again (the register may have changed since the
    preview) and write it all in one transaction. If anything fails, or the worker dies, the
    transaction rolls back and nothing from the file is left behind."""
    recover_abandoned_imports()
    claimed = SpreadsheetImport.objects.filter(pk=import_id, status=ImportStatus.APPLYING).update(
        heartbeat_at=timezone.now()
    )
    if not claimed:
        return
    try:
        with transaction.atomic():
            # First the lock that shows this worker is alive until the transaction ends.
            if not SpreadsheetImport.objects.filter(
                pk=import_id, status=ImportStatus.APPLYING
            ).update(heartbeat_at=timezone.now()):
                return
            record = SpreadsheetImport.objects.select_related("organisation", "applied_by").get(
                pk=import_id
            )
            summary = _check(
                record,
                table=_table(record)[0],
                watch=_Watch(import_id),
                dry_run=False,
                changed_by=record.applied_by,
            )
            record.status = ImportStatus.APPLIED
            record.summary = summary
            record.applied_at = timezone.now()
            record.heartbeat_at = None
            record.save(
                update_fields=["status", "summary", "applied_at", "heartbeat_at", "updated_at"]
            )
            register_changed.send(sender=SpreadsheetImport, spreadsheet_import=record)
    except (FileRefused, ImportHasProblems) as error:
        problems, more = (
            ([error.problem.as_data()], False)
            if isinstance(error, FileRefused)
            else ([problem.as_data() for problem in error.problems], error.more)
        )
        SpreadsheetImport.objects.filter(pk=import_id).update(
            status=ImportStatus.CHECKED,
            problems=problems,
            has_more_problems=more,
            heartbeat_at=None,
            updated_at=timezone.now(),
        )
    except Exception:
        logger.exception("Applying import %s failed", import_id)
        SpreadsheetImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            problems=[Problem("worker_failed").as_data()],
            heartbeat_at=None,
            updated_at=timezone.now(),
        )


def recover_abandoned_imports(*, import_id: int | None = None) -> list[int]:
    """Find imports whose worker died, and say so on them; returns their ids.

    An import being checked or applied whose heartbeat is older than a minute, and whose row
    no transaction holds (a live worker's long transaction holds it, see `_hold`), lost its
    worker. A check that stopped fails with a message to upload the file again; an apply
    that stopped rolled back, so the import is checked again and can be confirmed at once.
    Run by every import task as it starts, by `manage.py recover_imports` (a scheduled job)
    and when someone asks on the import's page.
    """
    cutoff = timezone.now() - ABANDONED_AFTER
    in_progress = SpreadsheetImport.objects.filter(
        status__in=[ImportStatus.CHECKING, ImportStatus.APPLYING], heartbeat_at__lt=cutoff
    )
    if import_id is not None:
        in_progress = in_progress.filter(pk=import_id)
    recovered = []
    for pk in list(in_progress.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                record = (
                    in_progress.select_for_update(skip_locked=True)
                    .filter(pk=pk)
                    .only("pk", "status")
                    .first()
                )
                if record is None:
                    continue
                if record.status == ImportStatus.CHECKING:
                    changes = {
                        "status": ImportStatus.FAILED,
                        "problems": [Problem("check_stopped").as_data()],
                    }
                else:
                    changes = {"status": ImportStatus.CHECKED, "notice": "apply_stopped"}
                SpreadsheetImport.objects.filter(pk=pk).update(
                    **changes, heartbeat_at=None, updated_at=timezone.now()
                )
        except OperationalError:
            # SQLite: a live worker's transaction holds the database's write lock.
            continue
        logger.warning("Import %s lost its worker; marked %s", pk, changes["status"])
        recovered.append(pk)
    return recovered


def _record_cell(value: Any) -> Any:
    """A JSON value as a spreadsheet cell: lists joined with "; ", nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def exchange_records(
    *,
    organisation: Organisation,
    records: list[dict[str, Any]],
    changed_by: Any,
    empty_cells_clear: bool = False,
) -> dict:
    """Services given as records (the API's bulk and `PUT` doors) checked and written by the
    spreadsheet's own rules: matched by service ID or the body's reference, never by name;
    every problem, with its row (the record's place in the list, from 1), column and value;
    all or nothing (docs/adr/0040). Raises FileRefused or ImportHasProblems, writing nothing.

    A record with neither ID nor reference that is like one of the body's services by name is
    a problem here: an API client says which service it means by giving one of them.
    """
    if not records:
        raise FileRefused("no_rows")
    limit = settings.REGISTER_IMPORT_MAX_SERVICE_ROWS
    if len(records) > limit:
        raise FileRefused("too_many_rows", limit=limit, found=len(records))
    headers = list(dict.fromkeys(key for record in records for key in record))
    table = Table(
        headers=headers,
        rows=iter(
            (number, [_record_cell(record.get(header)) for header in headers])
            for number, record in enumerate(records, start=1)
        ),
        approximate_rows=len(records),
    )
    checked = check_services(
        table,
        organisation=organisation,
        progress=lambda done, total: None,
        max_problems=settings.REGISTER_IMPORT_MAX_PROBLEMS,
        choices=Choices(empty_cells_clear=empty_cells_clear),
    )
    checked.problems.extend(
        Problem("possible_duplicate", row.row, "name_en", {"value": row.duplicate_of.public_id})
        for row in checked.flagged
    )
    if checked.problems:
        checked.problems.sort(key=lambda problem: problem.row or 0)
        raise ImportHasProblems(checked.problems, more=checked.more_problems)
    with transaction.atomic():
        outcome = write_services(checked.planned, changed_by=changed_by)
    outcome["services"] = {
        plan.row: plan.service.public_id for plan in checked.planned if plan.service
    }
    return outcome


def import_metric_file(path: Path | str) -> int:
    """Check and write a CSV or .xlsx file of figures for any service, in one transaction;
    returns the number of rows. Raises FileRefused or ImportHasProblems (writing nothing).

    For scripts and the benchmark (bench/register.py); people import through the pages.
    """
    path = Path(path)
    table = read_table(path.read_bytes(), path.name)  # no limits: people import through pages
    with transaction.atomic():
        figures = check_figures(table, organisation=None)
        if figures.problems:
            raise ImportHasProblems(figures.problems)
        try:
            write_figures(figures.rows, recorded_by=None, public_ids=figures.public_ids)
        except InvalidFigures as refused:
            raise ImportHasProblems(problems_of(refused)) from refused
    return len(figures.rows)
