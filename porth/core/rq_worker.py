"""The RQ worker Porth runs (`RQ["WORKER_CLASS"]`, ADR 0071): RQ's own forking worker, warmed.

RQ's `Worker` forks a work horse for every job, so a job that crashes or leaks cannot harm the
worker, and the worker's heartbeat tells a killed job from a running one (ADR 0056). But every
horse also pays again for whatever the worker had not done before the fork: importing the
task's module, building the address resolver, compiling templates. Measured on a
notification job that itself costs 5 ms, that was 90 ms of CPU a job. This worker does that
work once, before it takes its first job (porth.core.warmup), so each horse starts warm.

Imported only when the Redis queue is configured (requirements/redis.txt).
"""

import logging

from rq.worker import Worker

from .warmup import import_task_modules, warm_up

logger = logging.getLogger(__name__)


class WarmWorker(Worker):
    """RQ's forking `Worker`, warmed once before its first job."""

    def work(self, *args, **kwargs) -> bool:
        tasks = import_task_modules()
        templates = warm_up()  # closes any database connection it opened: none is shared
        logger.info(
            "Warmed up %d task modules and %d templates before forking work horses",
            len(tasks),
            templates,
        )
        return super().work(*args, **kwargs)
