"""A job whose RQ worker died mid-run is run again, once; a job that raised stays failed.

With `TASK_BACKEND=rq` (django-tasks-rq on RQ), a worker killed mid-job (SIGKILL, out of
memory, a machine lost) leaves the job in the queue's started registry. RQ only notices when
the worker's heartbeat lapses (about 90 s): `StartedJobRegistry.cleanup()` then moves the job
to the failed registry as an `AbandonedJobError`, and nothing runs it again. A work horse
killed under a live worker is failed straight away as "Work-horse terminated unexpectedly".

`recover_abandoned_rq_jobs` (`manage.py scheduled recover_tasks`, every minute) runs that
clean-up for each queue, moves the deferred jobs whose time has come into the queue when no
worker's scheduler is doing it, then queues again each failed job whose last failure is one of those
two kinds, at most `MAX_REQUEUES` times a job (counted in `job.meta`), so a task that kills its
worker every time ends in the failed registry instead of going round for ever. A job that
raised an exception is left failed: the task's own retries (ADR 44) deal with those.

The work of a killed job is not done twice when the task writes in one transaction or is
idempotent, as every task must be (ADR 44). docs/adr/0056-production-at-scale.md records it.
"""

import logging

logger = logging.getLogger(__name__)

MAX_REQUEUES = 1
COUNT_KEY = "porth_requeued_after_kill"

# How RQ 3 words the two failures that mean "the process running the job died".
_KILLED = (
    "Moved to FailedJobRegistry, due to AbandonedJobError",
    "Work-horse terminated unexpectedly",
)


def _was_killed(job) -> bool:
    from rq.results import Result

    result = job.latest_result()
    if result is None or result.type != Result.Type.FAILED:
        return False
    return (result.exc_string or "").startswith(_KILLED)


def recover_abandoned_rq_jobs(*, queue_names=None, now: float | None = None) -> list[str]:
    """Queue again the jobs whose worker died, in each RQ queue; return their IDs.

    `now` (a Unix time) is when the clean-up looks for lapsed heartbeats; the default is now.
    """
    import django_rq  # optional (requirements/redis.txt): imported only when configured
    from django_tasks_rq import Job
    from rq.exceptions import InvalidJobOperation, NoSuchJobError
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    recovered = []
    for name in queue_names or django_rq.settings.QUEUES:
        queue = django_rq.get_queue(name, job_class=Job)
        StartedJobRegistry(queue=queue, job_class=Job).cleanup(timestamp=now)
        failed = FailedJobRegistry(queue=queue, job_class=Job)
        for job_id in failed.get_job_ids(cleanup=False):
            try:
                job = Job.fetch(job_id, connection=queue.connection, serializer=queue.serializer)
            except NoSuchJobError:
                continue
            if not _was_killed(job):
                continue
            count = int(job.meta.get(COUNT_KEY, 0))
            if count >= MAX_REQUEUES:
                continue
            job.meta[COUNT_KEY] = count + 1
            job.save_meta()
            try:
                failed.requeue(job)
            except InvalidJobOperation:  # another machine's recover_tasks got there first
                continue
            logger.warning("RQ job %s was abandoned by its worker; queued again", job.id)
            recovered.append(job.id)
        _enqueue_due_jobs(queue)
    return recovered


def _enqueue_due_jobs(queue) -> None:
    """Move the deferred jobs whose time has come (a retry's wait, ADR 44) into the queue,
    unless a worker's scheduler (`rqworker --with-scheduler`) holds the queue's lock and does
    it. That scheduler runs in one worker: when that worker dies, the others take it over only
    at their next maintenance, up to 10 minutes later (ADR 65), so this every-minute job fills
    the gap."""
    from rq.scheduler import RQScheduler

    scheduler = RQScheduler([queue], connection=queue.connection, serializer=queue.serializer)
    scheduler.acquire_locks()
    if not scheduler.acquired_locks:
        return
    try:
        scheduler.enqueue_scheduled_jobs()
    finally:
        scheduler.release_locks()
