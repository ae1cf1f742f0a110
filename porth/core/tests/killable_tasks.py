"""A task for test_killed_worker.py: it writes one row in a transaction and, the first time it
runs, waits inside that transaction long enough for the test to kill its worker."""

import os
import time
from pathlib import Path

from django.db import connection, transaction
from django_tasks import task

WORK_TABLE = "porth_test_killed_task_work"


@task()
def write_once(*, key: str, marker: str) -> str:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {WORK_TABLE} (key, pid) VALUES (%s, %s)", [key, os.getpid()]
            )
        if not Path(marker).exists():
            Path(marker).write_text(str(os.getpid()))
            time.sleep(120)  # the test kills the worker here, before the transaction commits
    return key
