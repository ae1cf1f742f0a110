"""With `TASK_BACKEND=rq`, a job whose worker is killed (SIGKILL) mid-run is run again, once.

A real RQ worker (the forking `WarmWorker` that `manage.py rqworker` runs, ADR 71) on Redis
database 11, kept for this test, in a child process started with the Redis settings; the
workers are forked from it, so Django starts once. Marked `slow`; skipped when Redis does not
answer.
"""

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_tasks import task

pytestmark = pytest.mark.slow

REDIS_URL = "redis://127.0.0.1:6379/11"


def _redis_answers() -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


@task()
def run_once_unless_killed(*, folder: str) -> str:
    """Notes each start and each finish; the first run waits for the test to kill it."""
    runs = Path(folder) / "runs"
    with runs.open("a") as out:
        out.write(f"start {os.getpid()}\n")
    marker = Path(folder) / "started"
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        time.sleep(120)  # the test kills the worker and its work horse here
    with runs.open("a") as out:
        out.write(f"done {os.getpid()}\n")
    return "done"


@task()
def fails() -> None:
    raise ValueError("a genuine failure")


def _fork(function) -> int:
    pid = os.fork()
    if pid == 0:  # the child never returns
        code = 1
        try:
            function()
            code = 0
        finally:
            os._exit(code)
    return pid


def _wait(pid: int, *, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


def _gone(pid: int, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _burst_worker() -> None:
    import django_rq

    django_rq.get_worker("default", job_class="django_tasks_rq.Job").work(burst=True)


def _work_until_done(queue, job_id: str, *, seconds: float) -> str:
    """Fork a burst worker, wait until the job has finished or failed, and return its status.

    The worker is then killed: once idle, RQ 3's worker can take 20 s to leave its pub/sub.
    """
    worker = _fork(_burst_worker)
    deadline = time.monotonic() + seconds
    status = None
    while time.monotonic() < deadline:
        status = queue.fetch_job(job_id).get_status()
        if status in ("finished", "failed"):
            break
        time.sleep(0.05)
    os.kill(worker, signal.SIGKILL)
    _wait(worker, seconds=10)
    return getattr(status, "value", str(status))


def _scenario(folder: str) -> dict:
    """Runs in a child process with the Redis queue: enqueue, kill, recover, run again."""
    import django_rq
    from django.core.management import call_command
    from django_tasks import default_task_backend
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    from porth.core import rq_recovery

    queue = django_rq.get_queue("default")
    queue.empty()
    for registry in (FailedJobRegistry(queue=queue), StartedJobRegistry(queue=queue)):
        queue.connection.delete(registry.key)
    report: dict = {}
    marker = Path(folder) / "started"

    result = run_once_unless_killed.enqueue(folder=folder)
    worker = _fork(_burst_worker)
    deadline = time.monotonic() + 15
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    report["first_started"] = marker.exists()
    horse = int(marker.read_text())
    report["worker_class"] = type(django_rq.get_worker("default")).__name__
    # The worker is alive and its heartbeat fresh: recovery leaves its job alone.
    report["recovered_while_alive"] = rq_recovery.recover_abandoned_rq_jobs()
    # The machine goes: the worker and its work horse (its own process group) are killed.
    os.kill(worker, signal.SIGKILL)
    report["worker_exit"] = _wait(worker, seconds=10)
    os.kill(horse, signal.SIGKILL)
    report["horse_gone"] = _gone(horse, seconds=10)
    report["status_after_kill"] = queue.fetch_job(result.id).get_status().value
    # RQ sees the job abandoned once the heartbeat has lapsed (about 90 s): look from then.
    later = time.time() + 600
    report["recovered_after_kill"] = rq_recovery.recover_abandoned_rq_jobs(now=later)
    report["recovered_twice"] = rq_recovery.recover_abandoned_rq_jobs(now=later)
    report["second_run"] = _work_until_done(queue, result.id, seconds=20)
    final = default_task_backend.get_result(result.id)
    report["status"] = final.status
    # RQ's own latest result (django-tasks-rq 0.12 reports the oldest result's value).
    report["return_value"] = queue.fetch_job(result.id).latest_result().return_value
    report["runs"] = (Path(folder) / "runs").read_text().split("\n")[:-1]
    report["horse"] = horse

    # Only the work horse is killed (the out-of-memory killer's usual pick); its worker lives,
    # fails the job at once, and `manage.py recover_tasks` queues it again.
    horse_folder = Path(folder) / "horse"
    horse_folder.mkdir()
    oom = run_once_unless_killed.enqueue(folder=str(horse_folder))
    worker = _fork(_burst_worker)
    deadline = time.monotonic() + 15
    while not (horse_folder / "started").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(int((horse_folder / "started").read_text()), signal.SIGKILL)
    while queue.fetch_job(oom.id).get_status() != "failed" and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(worker, signal.SIGKILL)
    _wait(worker, seconds=10)
    report["oom_failure"] = queue.fetch_job(oom.id).latest_result().exc_string
    output = io.StringIO()
    call_command("recover_tasks", stdout=output)
    report["command_output"] = output.getvalue().strip()
    report["oom_run"] = _work_until_done(queue, oom.id, seconds=20)
    report["oom_runs"] = len((horse_folder / "runs").read_text().split("\n")[:-1])

    # A task that raised stays failed.
    failing = fails.enqueue()
    report["third_run"] = _work_until_done(queue, failing.id, seconds=20)
    report["recovered_genuine"] = rq_recovery.recover_abandoned_rq_jobs(now=time.time() + 600)
    report["genuine_status"] = queue.fetch_job(failing.id).get_status().value

    # A job already queued again once, abandoned a second time, stays failed.
    again = queue.fetch_job(result.id)
    again.meta[rq_recovery.COUNT_KEY] = rq_recovery.MAX_REQUEUES
    again.save_meta()
    from rq.job_lifecycle import record_job_failure

    with queue.connection.pipeline() as pipeline:
        record_job_failure(
            again, "Moved to FailedJobRegistry, due to AbandonedJobError, at now", pipeline
        )
        pipeline.execute()
    report["recovered_second_kill"] = rq_recovery.recover_abandoned_rq_jobs()
    report["second_kill_status"] = queue.fetch_job(result.id).get_status().value
    report["failed_ids"] = sorted(FailedJobRegistry(queue=queue).get_job_ids())
    report["ids"] = {"killed": result.id, "genuine": failing.id}
    queue.empty()
    return report


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI starts it)")
def test_an_rq_job_whose_worker_is_killed_mid_run_is_run_again_once(tmp_path):
    code = (
        "import json, sys, django; django.setup()\n"
        "from porth.core.tests.test_killed_rq_worker import _scenario\n"
        "print(json.dumps(_scenario(sys.argv[1])))\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TASK_BACKEND", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        TASK_BACKEND="rq",
        REDIS_URL=REDIS_URL,
        PORTH_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["first_started"]
    # Porth's worker is RQ's forking one, warmed before it forks (ADR 71).
    assert report["worker_class"] == "WarmWorker"
    assert report["recovered_while_alive"] == []
    assert report["worker_exit"] is not None
    assert report["horse_gone"]
    assert report["status_after_kill"] == "started"  # as RQ leaves it
    assert report["recovered_after_kill"] == [report["ids"]["killed"]]
    assert report["recovered_twice"] == []
    assert report["second_run"] == "finished"
    assert report["status"] == "SUCCESSFUL"
    assert report["return_value"] == "done"
    # Started twice (the killed run and the second), finished once, by the second.
    assert len(report["runs"]) == 3
    assert report["runs"][0] == f"start {report['horse']}"
    second_horse = report["runs"][1].split()[1]
    assert report["runs"][1:] == [f"start {second_horse}", f"done {second_horse}"]
    assert second_horse != str(report["horse"])
    # The work horse alone killed: failed by its worker, queued again by the command, run.
    assert report["oom_failure"].startswith("Work-horse terminated unexpectedly")
    assert report["command_output"] == "1 abandoned task(s) queued again."
    assert report["oom_run"] == "finished"
    assert report["oom_runs"] == 3  # started, killed; started, done
    # A genuine exception is not the worker dying: it stays failed.
    assert report["third_run"] == "failed"
    assert report["recovered_genuine"] == []
    assert report["genuine_status"] == "failed"
    # Killed a second time: not queued again, left in the failed registry.
    assert report["recovered_second_kill"] == []
    assert report["second_kill_status"] == "failed"
    assert report["failed_ids"] == sorted(report["ids"].values())
