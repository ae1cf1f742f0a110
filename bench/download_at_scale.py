"""The issue's download figures at scale: "a 100,000-service register download is served in
under 1 s from storage, while the web process stays under 200 MB" (issue 16, ADR 0062).

Not a test. On the database DATABASE_URL names (e.g. a copy of `porth_scale`), it:

1. **builds** the whole-register downloads (services and figures, CSV, XLSX and JSON) through
   the worker's task, `open_data.tasks.build_downloads_later`, in a child process of its own,
   and reports each file's size and build time and the child's peak memory (`ru_maxrss`);
2. **serves** them through the real view: gunicorn (one sync worker, production settings,
   `bench/stack_settings.py`) answers `/en/open-data/services.csv` and the rest, streamed
   from storage (`FileResponse`); each file is read `--repeat` times in 64 KB pieces, timed to
   the last byte, and the worker's resident memory is read from /proc before and after
   (`VmRSS`, and `VmHWM`, its peak since it started);
3. **one body's CSV** (`?organisation=…`, the body with the most services): the same gunicorn
   worker builds it in the request, streamed from the database, `--repeat` times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_prod4_scale \\
        .venv/bin/python bench/download_at_scale.py --repeat 5

`--skip-build` serves what is stored already. Files go to the default storage (local files
under PORTH_VAR_DIR/media unless S3 is configured), which the child and gunicorn share. The
machine's load average is printed beside every figure: it is shared, so wall times are noisy;
the memory figures are not.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.anonymous_pages import environment, free_port, start_gunicorn, stop  # noqa: E402

FILES = [
    f"/en/open-data/{name}.{file_format}"
    for name in ("services", "metrics")
    for file_format in ("csv", "xlsx", "json")
]
BUILD = """
import json, resource, time
import django
django.setup()
from django.db import connection
from porth.core import stored_files
from porth.open_data import tasks

timings = []
real_store = stored_files.store

def timed_store(**kwargs):
    started = time.monotonic()
    stored = real_store(**kwargs)
    seconds = time.monotonic() - started
    timings.append({"name": stored.name, "bytes": stored.size, "seconds": seconds})
    return stored

stored_files.store = timed_store
started = time.monotonic()
count = tasks.build_downloads_later.call()
print(json.dumps({
    "files": timings,
    "count": count,
    "seconds": time.monotonic() - started,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""
BIGGEST_BODY = """
import django
django.setup()
from django.db.models import Count
from porth.organisations.models import Organisation
body = Organisation.objects.annotate(n=Count("services")).order_by("-n").first()
print(body.slug, body.n)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="downloads of each file")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    return parser.parse_args()


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def memory_mb(pid: int) -> dict[str, float]:
    """The process's resident memory now (VmRSS) and at its peak (VmHWM), in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def worker_pid(master_pid: int) -> int:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return int(children[0])


def fetch(port: int, path: str) -> tuple[int, int, float, float, dict[str, str]]:
    """GET `path`, reading the body in 64 KB pieces and keeping none of it: status, bytes,
    seconds to the first byte and to the last."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        first = time.monotonic() - started
        size = 0
        while piece := response.read(64 * 1024):
            size += len(piece)
        return response.status, size, first, time.monotonic() - started, dict(response.headers)
    finally:
        connection.close()


def build(env: dict[str, str]) -> None:
    print(f"Building through build_downloads_later (load average {load_average()})")
    found = subprocess.run(
        [sys.executable, "-c", BUILD], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if found.returncode:
        raise SystemExit(f"The build failed:\n{found.stderr}")
    result = json.loads(found.stdout.strip().splitlines()[-1])
    for file in result["files"]:
        print(f"  {file['name']:32} {file['bytes'] / 1e6:8.1f} MB {file['seconds']:7.1f} s")
    print(
        f"  all {result['count']} files in {result['seconds']:.0f} s; the worker's peak RSS "
        f"{result['peak_rss_mb']:.0f} MB (load average after {load_average()})"
    )


def serve(env: dict[str, str], repeat: int) -> None:
    port = free_port()
    process = start_gunicorn(env, port, 1)
    try:
        pid = worker_pid(process.pid)
        fetch(port, "/api/v1/service-areas/")  # imports: a worker that has answered before
        before = memory_mb(pid)
        print(
            f"\nServing through the view (gunicorn, 1 sync worker; load average "
            f"{load_average()}); worker RSS {before['VmRSS']:.0f} MB before the downloads"
        )
        print(f"  {'file':34} {'MB':>7} {'first byte':>11} {'p50 last':>9} {'max last':>9}")
        for path in FILES:
            results = [fetch(port, path) for _ in range(repeat)]
            statuses = {status for status, *_rest in results}
            if statuses != {200}:
                print(f"  {path:34} answered {sorted(statuses)}")
                continue
            lasts = sorted(result[3] for result in results)
            firsts = sorted(result[2] for result in results)
            print(
                f"  {path:34} {results[0][1] / 1e6:7.1f} {firsts[len(firsts) // 2] * 1000:8.0f} ms"
                f" {lasts[len(lasts) // 2] * 1000:6.0f} ms {lasts[-1] * 1000:6.0f} ms"
            )
        after = memory_mb(pid)
        print(
            f"  worker RSS after: {after['VmRSS']:.0f} MB, peak since it started (VmHWM) "
            f"{after['VmHWM']:.0f} MB (load average {load_average()})"
        )
        body = subprocess.run(
            [sys.executable, "-c", BIGGEST_BODY], env=env, cwd=ROOT, capture_output=True, text=True
        ).stdout.split()
        if body:
            slug, count = body[0], int(body[1])
            path = f"/en/open-data/services.csv?organisation={slug}"
            results = [fetch(port, path) for _ in range(repeat)]
            lasts = sorted(result[3] for result in results)
            firsts = sorted(result[2] for result in results)
            after_body = memory_mb(pid)
            print(
                f"\nOne body's CSV, built in the request ({slug}, {count:,} services, "
                f"{results[0][1] / 1e6:.1f} MB, status {results[0][0]}): first byte p50 "
                f"{firsts[len(firsts) // 2] * 1000:.0f} ms, last byte p50 "
                f"{lasts[len(lasts) // 2] * 1000:.0f} ms, max {lasts[-1] * 1000:.0f} ms; "
                f"worker RSS {after_body['VmRSS']:.0f} MB, peak {after_body['VmHWM']:.0f} MB "
                f"(load average {load_average()})"
            )
    finally:
        stop(process)


def main() -> None:
    args = parse_args()
    env = environment(page_cache=0, redis_url=args.redis_url)
    env["PORTH_LOCAL_STACK"] = "1"
    database = os.environ.get("DATABASE_URL", "(the settings' default)").rsplit("/", 1)[-1]
    print(f"Database {database}; {os.cpu_count()} cores, shared with other work")
    if not args.skip_build:
        build(env)
    serve(env, args.repeat)


if __name__ == "__main__":
    main()
