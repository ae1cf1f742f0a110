"""gunicorn's settings for Porth's web processes (docs/deploy.md).

    gunicorn config.wsgi -c config/gunicorn.conf.py --bind 0.0.0.0:8000

With `PROMETHEUS_MULTIPROC_DIR` set (an empty folder for this machine's processes), every
worker writes its metrics there and a scrape of /metrics adds them up; a worker that exits has
its live figures removed here. Empty the folder before gunicorn starts.

Porth is loaded once, in the master, and each worker is forked from it (`preload_app`, ADR
0069): a worker started again after `max_requests` costs a fork, not 3 s of CPU importing
Django and compiling templates. A new release therefore needs a restart of the process (or
USR2 and then QUIT of the old master), not a HUP, which forks new workers from the old code.
`GUNICORN_PRELOAD=false` loads Porth in each worker instead.

A worker that stops when asked (recycled after `max_requests`, or told to stop) writes what it
still holds and leaves with `os._exit`, without Python's tidying up of a heap it shares with
the master: that took 1.3 s of CPU a worker on a quiet machine and 5 s under load, while the
process answered nothing if both its workers were leaving (ADR 0076).
"""

import os
import sys

from prometheus_client import multiprocess

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Let requests in flight finish when a worker is told to stop (a deploy, `kill -TERM`).
graceful_timeout = 20
# Recycle workers now and then, so a slow leak cannot grow without end.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"


def when_ready(server) -> None:
    """With Porth loaded in the master, compile its templates and read its catalogues there
    too, so that every worker forked from it starts warm (porth.core.warmup)."""
    if server.cfg.preload_app:
        from porth.core.warmup import warm_up

        server.log.info("Warmed up %d templates before forking the workers", warm_up())


def worker_exit(server, worker) -> None:
    """In the worker, as it stops. One that stops as asked leaves at once (see above): it first
    writes its page views to the shared cache, closes its database connections and flushes
    its logs. One that failed (it never booted, or an error ended its loop) is left to exit
    as gunicorn intends, so the master still sees why."""
    if not worker.booted or worker.alive:
        return
    from django.db import connections

    from porth.insight.counting import BUFFER

    try:
        BUFFER.flush()
        connections.close_all()
    except Exception:
        server.log.exception("Could not tidy up a stopping worker")
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(0)


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
