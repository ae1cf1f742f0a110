"""Figures for Prometheus beyond what django-prometheus counts: the task queue and failed tasks.

django-prometheus counts requests, their latency and status, and database calls, per process.
This adds, worked out when Prometheus scrapes `/metrics`: how many tasks wait, how long the
oldest has waited, and how many failed their last retry and wait for centre staff
(docs/deploy.md, "Metrics"). Under gunicorn with several workers, set
`PROMETHEUS_MULTIPROC_DIR` so one scrape adds up every worker's counts
(config/gunicorn.conf.py clears a dead worker's files).
"""

import datetime
import logging
import os
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from .models import FailedTask

logger = logging.getLogger(__name__)


def oldest_waiting_task_age() -> datetime.timedelta:
    """How long the oldest task that could run now has been waiting (zero when none waits)."""
    now = timezone.now()
    if settings.TASK_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult, get_date_max  # only with its backend

        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if oldest is None:
            return datetime.timedelta(0)
        since = oldest.enqueued_at if oldest.run_after == get_date_max() else oldest.run_after
        return max(now - since, datetime.timedelta(0))
    if settings.TASK_BACKEND == "rq":
        import django_rq  # optional (requirements/redis.txt): imported only when configured

        queue = django_rq.get_queue("default")
        job_ids = queue.get_job_ids(0, 1)
        job = queue.fetch_job(job_ids[0]) if job_ids else None
        if job is None or job.enqueued_at is None:
            return datetime.timedelta(0)
        enqueued = job.enqueued_at
        if timezone.is_naive(enqueued):
            enqueued = timezone.make_aware(enqueued, datetime.UTC)
        return max(now - enqueued, datetime.timedelta(0))
    return datetime.timedelta(0)


def waiting_tasks() -> int:
    """Tasks queued and not yet taken by a worker."""
    if settings.TASK_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult  # only with its backend

        return DBTaskResult.objects.ready().count()
    if settings.TASK_BACKEND == "rq":
        import django_rq  # optional (requirements/redis.txt): imported only when configured

        return django_rq.get_queue("default").count
    return 0


class PorthCollector(Collector):
    """The queue and failed tasks, read from the database or Redis at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            waiting = waiting_tasks()
            age = oldest_waiting_task_age().total_seconds()
            failed = FailedTask.objects.filter(state=FailedTask.State.FAILED).count()
        except Exception:  # a scrape must answer even when the queue does not
            logger.exception("Metrics: could not read the task queue")
            return
        yield GaugeMetricFamily("porth_tasks_waiting", "Tasks queued, not yet started", waiting)
        yield GaugeMetricFamily(
            "porth_tasks_oldest_waiting_seconds", "How long the oldest waiting task has waited", age
        )
        yield GaugeMetricFamily(
            "porth_failed_tasks", "Tasks that failed their last retry, not yet resolved", failed
        )


_collector = PorthCollector()
_registered = False


def exposition() -> bytes:
    """Every metric in Prometheus's text format: this process's, or every worker's when
    `PROMETHEUS_MULTIPROC_DIR` is set, and the queue's."""
    global _registered
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_collector)
        return generate_latest(registry)
    if not _registered:
        REGISTRY.register(_collector)
        _registered = True
    return generate_latest(REGISTRY)
