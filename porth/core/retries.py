"""Retries with backoff for background tasks, and what happens after the last one.

Wrap a task's function in `retried` (under `@task()`): when it raises, the same task is enqueued
again with `attempt + 1`, to run after a growing delay; after `TASK_MAX_ATTEMPTS` attempts it is
kept as a `FailedTask` for centre staff to send again or dismiss (docs/adr/0044-reliable-tasks.md).
Tasks must be idempotent: a retry may follow a failure after part of the work was done.
"""

import datetime
import functools
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from . import audit
from .deferral import enqueue_after
from .models import FailedTask

logger = logging.getLogger(__name__)


class FailedTaskAlreadyResolved(Exception):
    """Someone else sent it again or dismissed it first."""


def max_attempts() -> int:
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 5))


def backoff(attempt: int) -> datetime.timedelta:
    """How long to wait before attempt `attempt + 1`: 30 s, 2 min, 8 min, 32 min, then hourly."""
    return datetime.timedelta(seconds=min(30 * 4 ** (attempt - 1), 3600))


def _enqueue(task_path: str, args: list, kwargs: dict, *, attempt: int, delay: bool) -> None:
    task = import_string(task_path)
    if delay:
        enqueue_after(task, timezone.now() + backoff(attempt - 1), *args, attempt=attempt, **kwargs)
    else:
        task.enqueue(*args, attempt=attempt, **kwargs)


def retried(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run the task; on an error, enqueue it again later, or record it after the last attempt."""
    task_path = f"{function.__module__}.{function.__name__}"

    @functools.wraps(function)
    def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception as error:
            if attempt < max_attempts():
                logger.warning(
                    "Task %s failed (attempt %s of %s); retrying",
                    task_path,
                    attempt,
                    max_attempts(),
                    exc_info=True,
                )
                _enqueue(task_path, list(args), kwargs, attempt=attempt + 1, delay=True)
                return None
            logger.exception("Task %s failed its last attempt (%s)", task_path, attempt)
            FailedTask.objects.create(
                task_path=task_path,
                arguments={"args": list(args), "kwargs": kwargs},
                attempts=attempt,
                error=f"{type(error).__name__}: {error}"[:4000],
            )
            return None

    return run


def _resolve(*, failed_task: FailedTask, by: Any, state: str) -> FailedTask:
    locked = FailedTask.objects.select_for_update().get(pk=failed_task.pk)
    if locked.state != FailedTask.State.FAILED:
        raise FailedTaskAlreadyResolved
    locked.state = state
    locked.resolved_by = by
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["state", "resolved_by", "resolved_at"])
    return locked


@transaction.atomic
def retry_failed_task(*, failed_task: FailedTask, by: Any) -> FailedTask:
    """Enqueue the task again from its first attempt, once the transaction has committed."""
    resolved = _resolve(failed_task=failed_task, by=by, state=FailedTask.State.RETRIED)
    arguments = resolved.arguments
    transaction.on_commit(
        lambda: _enqueue(
            resolved.task_path,
            arguments.get("args", []),
            arguments.get("kwargs", {}),
            attempt=1,
            delay=False,
        )
    )
    audit.record(
        by=by,
        action="failed_task.retried",
        target=resolved,
        title=_("Failed task sent again: %(task)s"),
        title_values={"task": resolved.task_path},
    )
    return resolved


@transaction.atomic
def dismiss_failed_task(*, failed_task: FailedTask, by: Any) -> FailedTask:
    """Mark the task as seen and not to be sent again."""
    resolved = _resolve(failed_task=failed_task, by=by, state=FailedTask.State.DISMISSED)
    audit.record(
        by=by,
        action="failed_task.dismissed",
        target=resolved,
        title=_("Failed task dismissed: %(task)s"),
        title_values={"task": resolved.task_path},
    )
    return resolved


def open_failed_tasks():
    """The failures nobody has dealt with yet, newest first."""
    return FailedTask.objects.filter(state=FailedTask.State.FAILED).select_related("resolved_by")
