"""Queueing a task to run later, where its queue can wait.

RQ and the database queue can hold a task until a time (`supports_defer`); the immediate backend
that development and the tests use cannot. Each "run this later" in Porth asks here, so the
question is put to the task's own backend, not the default one, and in one way: retries
(`core.retries`), a build that waits for another (`open_data.tasks`), a build that rests after
the last one and the dashboard's minute of gathering changes (`open_data.queue`). ADR 0066.
"""

import datetime
from typing import Any

from django_tasks import task_backends
from django_tasks.base import Task, TaskResult


def can_defer(task: Task) -> bool:
    """Whether the queue that runs `task` can hold it until a given time."""
    return bool(task_backends[task.backend].supports_defer)


def enqueue_after(
    task: Task, run_after: datetime.datetime, /, *args: Any, **kwargs: Any
) -> TaskResult:
    """Enqueue `task` to run at `run_after` where its queue can wait, and at once where it can't.

    Callers for whom "at once" would be wrong (a build waiting for another build would only
    find it still running) ask `can_defer` first and do something else.
    """
    if can_defer(task):
        task = task.using(run_after=run_after)
    return task.enqueue(*args, **kwargs)
