"""What the settings choose for the database and the task queue (docs/adr/0024, docs/adr/0006).

Each case runs in a fresh interpreter, since settings are read once at start-up.
"""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TASK_BACKEND", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


OPTIONS = "import config.settings.base as s; print(s.DATABASES['default'].get('OPTIONS', {}))"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions():
    done = run_python(OPTIONS, DATABASE_URL="sqlite:////tmp/porth-settings-check.sqlite3")

    assert done.returncode == 0, done.stderr
    assert "'transaction_mode': 'IMMEDIATE'" in done.stdout
    assert "'timeout': 20" in done.stdout
    assert "PRAGMA journal_mode=WAL" in done.stdout


def test_postgresql_gets_none_of_the_sqlite_options():
    done = run_python(OPTIONS, DATABASE_URL="postgres://porth@127.0.0.1:5432/porth")

    assert done.returncode == 0, done.stderr
    assert "transaction_mode" not in done.stdout
    assert "journal_mode" not in done.stdout


def test_postgresql_plans_server_side_cursors_for_all_their_rows():
    done = run_python(OPTIONS, DATABASE_URL="postgres://porth@127.0.0.1:5432/porth")

    assert done.returncode == 0, done.stderr
    assert "'options': '-c cursor_tuple_fraction=1'" in done.stdout


def test_a_database_urls_own_postgresql_options_are_kept_beside_the_cursor_planning():
    done = run_python(
        OPTIONS,
        DATABASE_URL="postgres://porth@127.0.0.1:5432/porth?options=-c%20statement_timeout%3D5000",
    )

    assert done.returncode == 0, done.stderr
    assert "'options': '-c statement_timeout=5000 -c cursor_tuple_fraction=1'" in done.stdout


def test_server_side_cursors_stay_on_unless_turned_off_for_a_transaction_pooler():
    check = (
        "import config.settings.base as s; "
        "print(s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS'))"
    )
    url = "postgres://porth@127.0.0.1:5432/porth"

    assert run_python(check, DATABASE_URL=url).stdout.strip() == "False"
    pooled = run_python(check, DATABASE_URL=url, DATABASE_DISABLE_SERVER_SIDE_CURSORS="true")
    assert pooled.stdout.strip() == "True", pooled.stderr


@pytest.mark.django_db
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="a PostgreSQL setting"
)
def test_on_postgresql_each_connection_starts_planning_cursors_for_all_their_rows():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        assert cursor.fetchone()[0] == "1"


def test_the_redis_queue_without_its_optional_packages_is_refused_with_a_clear_error():
    done = run_python(
        """
        import sys
        sys.modules["django_tasks_rq"] = None  # as if requirements/redis.txt were not installed
        import config.settings.base
        """,
        TASK_BACKEND="rq",
    )

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "pip install -r requirements/redis.txt" in done.stderr


def _redis_answers() -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


def run_on_rq(code: str, tmp_path, *, redis_database: int) -> subprocess.CompletedProcess:
    """`code` with the Redis queue, its own Redis database and a throwaway SQLite file."""
    return run_python(
        code,
        DJANGO_SETTINGS_MODULE="config.settings.base",
        TASK_BACKEND="rq",
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_database}",
        PORTH_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI starts it)")
def test_a_task_goes_through_redis_and_an_rq_worker_when_the_queue_is_rq(tmp_path):
    done = run_on_rq(
        """
        import django
        django.setup()
        import django_rq
        from django_tasks import default_task_backend
        from porth.core.tasks import ping

        django_rq.get_queue("default").empty()
        result = ping.enqueue()
        django_rq.get_worker("default", job_class="django_tasks_rq.Job").work(burst=True)
        result = default_task_backend.get_result(result.id)
        print(django_rq.get_queue("default").connection.ping(), result.status, result.return_value)
        """,
        tmp_path,
        redis_database=13,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "SUCCESSFUL", "pong"]


def test_without_redis_each_process_keeps_its_own_cache():
    done = run_python("import config.settings.base as s; print(s.CACHES['default']['BACKEND'])")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


USE_UP_A_LIMIT = """
import django
django.setup()
from porth.core import ratelimit
print([ratelimit.limit("{key}", "3/h") for _ in range({count})])
"""


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI starts it)")
def test_a_rate_limit_used_up_in_one_process_holds_in_another_through_the_shared_cache():
    key = f"test-two-processes-{os.getpid()}-{os.urandom(4).hex()}"
    shared = {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "REDIS_CACHE_URL": "redis://127.0.0.1:6379/14",
        "TASK_BACKEND": "immediate",
    }

    first = run_python(USE_UP_A_LIMIT.format(key=key, count=3), **shared)
    second = run_python(USE_UP_A_LIMIT.format(key=key, count=1), **shared)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert first.stdout.strip() == "[0, 0, 0]", "the first process is allowed its three tries"
    assert second.stdout.strip() != "[0]", "the second process must be refused the fourth"


SESSIONS = "import config.settings.base as s; print(s.SESSION_ENGINE)"


def test_sessions_are_read_from_the_shared_cache_when_redis_is_configured():
    done = run_python(SESSIONS, REDIS_URL="redis://127.0.0.1:6379/15", TASK_BACKEND="database")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "django.contrib.sessions.backends.cached_db"


def test_sessions_stay_in_the_database_with_only_a_per_process_cache():
    done = run_python(SESSIONS)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "django.contrib.sessions.backends.db"


RQ_TIMEOUT = """
import django
django.setup()
import django_rq
print(django_rq.get_queue("default")._default_timeout)
"""


def test_a_task_on_the_redis_queue_may_run_for_two_hours_not_rqs_three_minutes():
    """The whole-register build at 100,000 services takes about half an hour (ADR 65)."""
    done = run_python(
        RQ_TIMEOUT,
        DJANGO_SETTINGS_MODULE="config.settings.base",
        REDIS_URL="redis://127.0.0.1:6379/15",
        TASK_BACKEND="rq",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "7200"


def test_the_redis_queue_timeout_can_be_set_for_a_deployment():
    done = run_python(
        RQ_TIMEOUT,
        DJANGO_SETTINGS_MODULE="config.settings.base",
        REDIS_URL="redis://127.0.0.1:6379/15",
        TASK_BACKEND="rq",
        RQ_JOB_TIMEOUT="600",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "600"


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI starts it)")
def test_the_stacks_workers_run_a_deferred_task_such_as_a_retry_after_its_wait(tmp_path):
    """A retry waits with `run_after` (ADR 44); RQ runs such a task only once a scheduler moves
    it into the queue: a worker started with its scheduler, as `make stack` starts them, or
    `recover_tasks` when that worker has died (ADR 65)."""
    stack = (settings.BASE_DIR / "config" / "stack" / "stack.sh").read_text()
    assert "manage.py rqworker --with-scheduler" in stack
    done = run_on_rq(
        """
        import datetime, time
        import django
        django.setup()
        import django_rq
        from django.utils import timezone
        from django_tasks import default_task_backend
        from porth.core.rq_recovery import recover_abandoned_rq_jobs
        from porth.core.tasks import ping

        queue = django_rq.get_queue("default")
        queue.empty()
        soon = timezone.now() + datetime.timedelta(seconds=1)
        result = ping.using(run_after=soon).enqueue()
        time.sleep(1.5)
        # Its time has come, but it waits in RQ's scheduled registry, which a worker reads
        # only through a scheduler: not yet in the queue.
        print(result.id in queue.get_job_ids())
        # What a worker's scheduler does (--with-scheduler), and what the every-minute
        # recover_tasks does when no worker's scheduler is alive.
        recover_abandoned_rq_jobs()
        print(result.id in queue.get_job_ids())
        django_rq.get_worker("default", job_class="django_tasks_rq.Job").work(burst=True)
        print(default_task_backend.get_result(result.id).status)
        """,
        tmp_path,
        redis_database=7,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True", "SUCCESSFUL"]
