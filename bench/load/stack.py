"""The load test through `make stack`: nginx, 3 gunicorn processes and 2 RQ workers (issue 16).

`bench/load/run.py --stack` starts the stack with `config/stack/stack.sh` on the load test's
own database, Redis database and ports (its process IDs and logs in var/loadtest/stack), so a
developer's own `make stack` is left alone. With `--kill-midway` it SIGKILLs, half way
through, one web process (a gunicorn master and its workers: a lost machine, not a recycled
worker) and one RQ worker with the job it is running.

`TaskWatch` proves that no task was lost. While the load runs it reads every RQ job in the
stack's Redis database once a second and keeps the last status it saw. Afterwards, `drain`
runs the every-minute job that queues again the tasks of a dead worker (`manage.py scheduled
recover_tasks`, ADR 56) until the queue is empty and nothing is left running. A job that did
not end as finished is lost: failed, still queued or running, or gone without finishing.
"""

import os
import signal
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STACK_SH = ROOT / "config" / "stack" / "stack.sh"
# Each web process has two gunicorn workers, as `make stack` has (ADR 0076): a cached page is
# then served beside a slow one, not after it. `LOADTEST_WEB_WORKERS` tries another number.
WEB_WORKERS = int(os.environ.get("LOADTEST_WEB_WORKERS", "2"))
# RQ's statuses for a job still to run or running.
PENDING = {"queued", "started", "deferred", "scheduled"}


def children(pid: int) -> list[int]:
    """A process's live children (Linux's /proc)."""
    try:
        return [int(each) for each in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _kill_with_children(pid: int) -> list[int]:
    """SIGKILL a process and its children (a gunicorn master's workers, an RQ work horse)."""
    killed = []
    for each in [pid, *children(pid)]:
        try:
            os.kill(each, signal.SIGKILL)
            killed.append(each)
        except ProcessLookupError:
            pass
    return killed


@dataclass
class Stack:
    """One `config/stack/stack.sh` stack on ports and a Redis database of its own."""

    database_url: str
    redis_url: str
    port: int
    web_ports: list[int]
    base_env: dict[str, str]
    run_dir: Path = field(default=ROOT / "var" / "loadtest" / "stack")
    killed_port: int | None = None

    @property
    def env(self) -> dict[str, str]:
        return dict(
            self.base_env,
            STACK_DATABASE_URL=self.database_url,
            STACK_REDIS_URL=self.redis_url,
            STACK_PORT=str(self.port),
            STACK_WEB_PORTS=" ".join(str(port) for port in self.web_ports),
            STACK_WEB_WORKERS=str(WEB_WORKERS),
            STACK_RUN_DIR=str(self.run_dir),
            STACK_SETTINGS="bench.stack_settings",
            STACK_SEED="no",
        )

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        for stale in [*self.run_dir.glob("*.pid"), self.run_dir / "nginx-error.log"]:
            stale.unlink(missing_ok=True)
        subprocess.run([str(STACK_SH), "up"], env=self.env, cwd=ROOT, check=True)

    def down(self) -> None:
        subprocess.run([str(STACK_SH), "down"], env=self.env, cwd=ROOT, check=False)

    def pid(self, name: str) -> int | None:
        try:
            return int((self.run_dir / f"{name}.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def web_pids(self) -> list[int]:
        return [pid for port in self.web_ports if (pid := self.pid(f"web-{port}"))]

    def worker_pids(self) -> list[int]:
        return [pid for number in (1, 2) if (pid := self.pid(f"worker-{number}"))]

    def workers_give_way(self) -> tuple[bool, str]:
        """Whether every RQ worker runs at a lower priority than the web processes in a way
        the kernel honours, and a line that says how.

        Where the kernel groups processes by session (autogroup), a worker's own nice value
        counts only against its own session, so each worker must lead a session of its own
        whose group is niced (config/stack/stack.sh). Without autogroup, the nice value is
        enough."""
        said = []
        for pid in self.worker_pids():
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            session, nice = int(stat[3]), int(stat[16])
            group = Path(f"/proc/{pid}/autogroup")
            if group.exists():
                group_nice = int(group.read_text().split("nice")[1])
                if session != pid or group_nice <= 0:
                    return False, f"worker {pid} shares its session's group (nice {group_nice})"
                said.append(f"{pid}: nice {nice}, its own session's group at nice {group_nice}")
            elif nice <= 0:
                return False, f"worker {pid} runs at nice {nice}"
            else:
                said.append(f"{pid}: nice {nice}")
        return True, "; ".join(said)

    def manage(self, *arguments: str) -> str:
        """A management command with the stack's settings, as its scheduler would run it."""
        env = dict(self.env)
        env.update(
            DJANGO_SETTINGS_MODULE="bench.stack_settings",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            TASK_BACKEND="rq",
            CACHE_KEY_PREFIX="porth-stack",
            PORTH_LOCAL_STACK="1",
        )
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *arguments],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return (done.stdout + done.stderr).strip()

    def kill_one_web_process(self) -> str:
        """The second web process, master and workers: nginx must send its traffic elsewhere."""
        port = self.web_ports[1]
        master = self.pid(f"web-{port}")
        if not master:
            return "no web process to kill"
        killed = _kill_with_children(master)
        self.killed_port = port
        return f"killed the web process on port {port} (pids {', '.join(map(str, killed))})"

    def lost_with_the_killed_process(self) -> list[str]:
        """The requests nginx had already passed to the killed web process (being served, or
        waiting in its socket's queue) and could not pass on, from nginx's error log: each
        one not safe to send twice (a POST), whose answer never came."""
        if self.killed_port is None:
            return []
        try:
            lines = (self.run_dir / "nginx-error.log").read_text().splitlines()
        except OSError:
            return []
        upstream = f'upstream: "http://127.0.0.1:{self.killed_port}/'
        return [
            line
            for line in lines
            if "[error]" in line
            and upstream in line
            and "while reading response header" in line
            and 'request: "POST ' in line
        ]

    def _running_a_job(self, pid: int) -> bool:
        """Whether the RQ worker with this process ID is running a job, by RQ's own records
        (the worker's name from its pid; a started job naming that worker). A child process
        alone may be the worker's scheduler, not a work horse."""
        import redis

        connection = redis.Redis.from_url(self.redis_url)
        names = [
            key.split(b":", 2)[2]  # rq:worker:<name>
            for key in connection.scan_iter(match="rq:worker:*", _type="hash")
            if connection.hget(key, "pid") == str(pid).encode()
        ]
        if not names:
            return False
        for key in connection.scan_iter(match="rq:job:*", _type="hash"):
            status, worker = connection.hmget(key, "status", "worker_name")
            if status == b"started" and worker in names:
                return True
        return False

    def kill_one_worker(self, *, wait_for_a_job: float = 20) -> str:
        """The first RQ worker with its children (work horse, scheduler); preferably while it
        runs a job, waiting up to `wait_for_a_job` seconds for one."""
        worker = self.pid("worker-1")
        if not worker:
            return "no worker to kill"
        deadline = time.monotonic() + wait_for_a_job
        while not self._running_a_job(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        busy = self._running_a_job(worker)
        killed = _kill_with_children(worker)  # its work horse, and its scheduler if it has it
        return (
            f"killed RQ worker 1 {'mid-job' if busy else 'while idle'} "
            f"(pids {', '.join(map(str, killed))})"
        )


class TaskWatch(threading.Thread):
    """Every RQ job seen in the stack's Redis database, with the last status seen."""

    def __init__(self, redis_url: str) -> None:
        super().__init__(daemon=True)
        import redis

        self.redis = redis.Redis.from_url(redis_url)
        self.status: dict[str, str] = {}
        self.task: dict[str, str] = {}
        self.requeued: set[str] = set()
        self.finished = threading.Event()

    def poll(self) -> None:
        for key in self.redis.scan_iter(match="rq:job:*", count=1000):
            job_id = key.decode().split(":", 2)[2]
            if ":" in job_id:  # rq:job:<id>:dependents and the like
                continue
            status, description, meta = self.redis.hmget(key, "status", "description", "meta")
            if status is None:
                continue
            self.status[job_id] = status.decode()
            if description and job_id not in self.task:
                self.task[job_id] = description.decode().split("(", 1)[0].rsplit(".", 1)[-1]
            if meta and b"porth_requeued_after_kill" in meta:
                self.requeued.add(job_id)

    def run(self) -> None:
        while not self.finished.is_set():
            try:
                self.poll()
            except Exception as error:  # a benchmark: say so and go on
                print(f"TaskWatch: {error}", flush=True)
            self.finished.wait(1)

    def unfinished(self) -> dict[str, str]:
        return {job: status for job, status in self.status.items() if status != "finished"}

    def lost(self) -> dict[str, str]:
        """Jobs that will not finish: failed for good (a killed worker's job is queued again,
        so it is failed only between the clean-up and the requeue), or gone from Redis unseen
        as finished. A job still queued or running at the end is not lost, only not yet done."""
        return {job: status for job, status in self.unfinished().items() if status not in PENDING}

    def drain(self, stack: Stack, *, seconds: float) -> float:
        """Run the recovery job until every job seen has finished or failed for good, or
        `seconds` pass; return how long it took."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            stack.manage("scheduled", "recover_tasks")
            self.poll()
            if not any(status in PENDING for status in self.unfinished().values()):
                break
            time.sleep(5)
        self.poll()
        return time.monotonic() - started

    def report(self) -> int:
        """Print what happened to the tasks; return how many did not finish (lost or not yet
        done when the drain ended)."""
        by_task: Counter = Counter()
        for job, status in self.status.items():
            by_task[(self.task.get(job, "?"), status)] += 1
        print(f"\nTasks: {len(self.status)} RQ jobs seen during the run")
        for (task, status), count in sorted(by_task.items()):
            print(f"  {task:40} {status:10} {count:>5}")
        if self.requeued:
            states = Counter(self.status[job] for job in self.requeued)
            print(
                f"  queued again after their worker was killed: {len(self.requeued)} "
                f"({', '.join(f'{n} {s}' for s, n in states.items())})"
            )
        lost, unfinished = self.lost(), self.unfinished()
        pending = {job: status for job, status in unfinished.items() if job not in lost}
        if pending:
            print(f"  not finished when the drain ended (still queued or running): {len(pending)}")
        if lost:
            print(f"  LOST (failed, or gone without finishing): {len(lost)}")
            for job, status in sorted(lost.items()):
                print(f"    {job} {self.task.get(job, '?')}: {status}")
        if not unfinished:
            print("  none lost: every job seen finished")
        elif not lost:
            print("  none lost so far: every job seen finished or is still in the queue")
        return len(unfinished)
