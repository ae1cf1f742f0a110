"""Requests a second for the pages anonymous readers use most, with and without the page cache.

Not a test: it starts gunicorn (production settings, `--workers 2`) on PostgreSQL and Redis,
sends requests from a few threads for a few seconds a page, and prints requests a second, p50
and p95, each also as a share of a bare Django view served by the same gunicorn
(`bench/stack_settings.py`). It runs once with `PAGE_CACHE_SECONDS=0` and once with the cache
on (ADR 0053).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_stack \\
        .venv/bin/python bench/anonymous_pages.py --seconds 10 --connections 8

The database must hold Porth with demo data (`manage.py migrate && manage.py seed --demo`).
`--profile` instead profiles the home page in this process with pyinstrument, cache off and
on, and prints the queries it makes. The load comes from this machine, so the figures are a
share of what the same machine does for a bare view, not absolute capacity.
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per page and mode")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--profile", action="store_true", help="profile the home page instead")
    return parser.parse_args()


def environment(*, page_cache: int, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.stack_settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "REDIS_URL": redis_url,
            "TASK_BACKEND": "database",
            "CACHE_KEY_PREFIX": f"porth-bench-{os.getpid()}",
            "PAGE_CACHE_SECONDS": str(page_cache),
            "DATABASE_CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
            # Every request comes from this machine's one address: the API's limit per address
            # (120 a minute) would answer most of them 429 and measure the refusal instead.
            "PORTH_API_ANONYMOUS_RATE": "1000000/minute",
        }
    )
    return env


def pages(env: dict[str, str]) -> dict[str, str]:
    """The issue's pages, with a real service's address and a common word to search for."""
    code = (
        "import django; django.setup()\n"
        "from porth.register.models import Service\n"
        "from django.urls import reverse\n"
        "from django.utils import translation\n"
        "service = Service.objects.filter(is_retired=False).order_by('id').first()\n"
        "translation.activate('en')\n"
        "print(service.get_absolute_url() if service else '')\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    service_url = found.stdout.strip().splitlines()[-1] if found.stdout.strip() else ""
    chosen = {
        "bare view": "/bare",
        "home page": "/en/",
        "standards list": "/en/standards/",
        "register search (common word)": "/en/register/?q=service",
        "register search in Welsh": "/cy/register/?q=gwasanaeth",
        "API list": "/api/v1/services/",
    }
    if service_url:
        chosen["service page"] = service_url
    return chosen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = get(port, "/healthz")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(port: int, path: str, *, seconds: float, connections: int) -> dict[str, float]:
    """Requests from `connections` threads for `seconds`; every answer must be a 200."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                status, _body = get(port, path)
            except OSError:
                status = 0
            mine.append(time.monotonic() - started)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
    }


def measure(args: argparse.Namespace) -> None:
    print(
        f"gunicorn --workers {args.workers}, {args.connections} connections, "
        f"{args.seconds:g} s a page, on {os.cpu_count()} cores shared with the load"
    )
    for label, page_cache in (("page cache off", 0), ("page cache on", 300)):
        env = environment(page_cache=page_cache, redis_url=args.redis_url)
        port = free_port()
        process = start_gunicorn(env, port, args.workers)
        try:
            chosen = pages(env)
            for path in chosen.values():  # warm: imports, templates, the kept pages
                get(port, path)
            print(f"\n{label}")
            print(f"  {'page':32} {'req/s':>8} {'of bare':>8} {'p50 ms':>8} {'p95 ms':>8} errors")
            bare = None
            for name, path in chosen.items():
                figures = load(port, path, seconds=args.seconds, connections=args.connections)
                bare = bare or figures["rps"]
                print(
                    f"  {name:32} {figures['rps']:8.1f} {figures['rps'] / bare:8.1%} "
                    f"{figures['p50']:8.1f} {figures['p95']:8.1f} {figures['errors']:6d}"
                )
        finally:
            stop(process)


def profile(args: argparse.Namespace) -> None:
    """The home page in this process: CPU a request and its queries, cache off then on."""
    for name, value in environment(page_cache=0, redis_url=args.redis_url).items():
        os.environ.setdefault(name, value)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.stack_settings"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    for seconds in (0, 300):
        settings.PAGE_CACHE_SECONDS = seconds
        for _ in range(5):
            client.get("/en/")
        queries: list[str] = []

        def note(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(note):
            status = client.get("/en/").status_code
        assert status == 200, status
        started = time.process_time()
        for _ in range(50):
            client.get("/en/")
        cpu = (time.process_time() - started) * 1000 / 50
        print(
            f"\nhome page, page cache {'on' if seconds else 'off'}: "
            f"{cpu:.1f} ms CPU a request, {len(queries)} queries"
        )
        for sql in queries:
            print("   ", sql[:110])
        if not seconds:
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(30):
                    client.get("/en/")
            print(profiler.output_text(unicode=False, color=False)[:6000])


if __name__ == "__main__":
    arguments = parse_args()
    profile(arguments) if arguments.profile else measure(arguments)
