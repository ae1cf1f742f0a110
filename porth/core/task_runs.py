"""A task whose worker died mid-run is run again, and never while its worker is still alive.

The database queue (`manage.py db_worker`, django-tasks-db) marks a task RUNNING when a worker
claims it and leaves it so if that worker is killed (SIGKILL, the machine going away, an
out-of-memory kill): nobody would ever run it again. So each worker holds a lock named after the
task for as long as it runs it (porth.core.locks: a PostgreSQL advisory lock, or a file lock on
SQLite), which the database or the kernel releases the moment the process dies.
`recover_abandoned_tasks` (`manage.py scheduled recover_tasks`, every minute) puts a RUNNING
task whose lock nobody holds back in the queue, so the next worker picks it up.

The work of a killed task is not lost, and not done twice, when the task does its writes in one
transaction (the kill rolls them back) or is idempotent, as every task must be (ADR 0044).
docs/adr/0056-production-at-scale.md records the choice.
"""

import contextlib
import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .locks import only_one

logger = logging.getLogger(__name__)

# Between a worker claiming a task and taking its lock there is a moment when the task is
# RUNNING and unlocked: a task is only looked at once it has been running this long.
GRACE = datetime.timedelta(minutes=1)

_held: dict[str, contextlib.ExitStack] = {}


def _lock_name(result_id: object) -> str:
    return f"porth.task-run.{result_id}"


def _is_database_queue(sender: object) -> bool:
    from django_tasks_db import DatabaseBackend

    # The worker sends its backend (an instance) as the sender; the backend's own code sends
    # the class.
    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend)


def hold_run_lock(sender: object, task_result, **kwargs) -> None:
    """`task_started`: the worker takes the task's lock before it runs the task."""
    if not _is_database_queue(sender):
        return
    stack = contextlib.ExitStack()
    if stack.enter_context(only_one(_lock_name(task_result.id))):
        _held[str(task_result.id)] = stack
    else:  # pragma: no cover - another live worker runs the same task: say so, run anyway
        stack.close()
        logger.warning("Task %s is already held by another worker", task_result.id)


def release_run_lock(sender: object, task_result, **kwargs) -> None:
    """`task_finished`: the task succeeded or failed; its lock goes."""
    stack = _held.pop(str(task_result.id), None)
    if stack is not None:
        stack.close()


def recover_abandoned_tasks(*, grace: datetime.timedelta = GRACE) -> list[str]:
    """Put back in the queue every task still RUNNING whose worker has died; return their IDs.

    A task whose lock is held is left alone: its worker is alive, however long it takes.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - grace
    ).values_list("id", flat=True)
    recovered = []
    for result_id in list(running):
        with only_one(_lock_name(result_id)) as nobody_runs_it:
            if not nobody_runs_it:
                continue
            with transaction.atomic():
                requeued = DBTaskResult.objects.filter(
                    pk=result_id, status=TaskResultStatus.RUNNING
                ).update(status=TaskResultStatus.READY, started_at=None)
        if requeued:
            logger.warning("Task %s was abandoned by its worker; queued again", result_id)
            recovered.append(str(result_id))
    return recovered
