"""gunicorn's settings for Porth's web processes (docs/deploy.md).

    gunicorn config.wsgi -c config/gunicorn.conf.py --bind 0.0.0.0:8000

With `PROMETHEUS_MULTIPROC_DIR` set (an empty folder for this machine's processes), every
worker writes its metrics there and a scrape of /metrics adds them up; a worker that exits has
its live figures removed here. Empty the folder before gunicorn starts.
"""

import os

from prometheus_client import multiprocess

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Let requests in flight finish when a worker is told to stop (a deploy, `kill -TERM`).
graceful_timeout = 20
# Recycle workers now and then, so a slow leak cannot grow without end.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
