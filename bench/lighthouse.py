"""Lighthouse scores for the key pages in both languages, with the production settings.

Not a test and not part of `make test`: it starts gunicorn with the production settings (static
files collected and served by WhiteNoise, compressed, with hashed names) on the database in
DATABASE_URL, runs Lighthouse from npm against Debian's Chromium, headless and offline, once
per page, and prints the performance, accessibility, best-practices and SEO scores (mobile,
Lighthouse's default simulated throttling). Issue 12 asks for at least 98 / 100 / 100 / 100.

Lighthouse is not in package.json (it is large and only this script uses it). Install it
once, anywhere, with npm, and say where:

    npm install --prefix /tmp/lighthouse lighthouse@13.5.0
    LIGHTHOUSE=/tmp/lighthouse/node_modules/.bin/lighthouse \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_demo .venv/bin/python bench/lighthouse.py

The database must hold Porth with demo data (`manage.py migrate && manage.py seed --demo`).
`--base-url` measures a server that is already running instead. `--runs 3` takes the median of
three runs per page (performance varies from run to run on a loaded machine).
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What makes up the performance score, shown beside it so a low score says why.
METRICS = {
    "FCP s": ("first-contentful-paint", 1000),
    "LCP s": ("largest-contentful-paint", 1000),
    "TBT ms": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", 1),
}
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--lighthouse",
        default=os.environ.get("LIGHTHOUSE", str(ROOT / "node_modules" / ".bin" / "lighthouse")),
    )
    parser.add_argument("--base-url", help="measure this running server instead of starting one")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.lighthouse_settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PORTH_BENCH_STATIC_ROOT": static_root,
            "TASK_BACKEND": "database",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def service_path(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup()\n"
        "from porth.register.models import Service\n"
        "service = Service.objects.filter(is_retired=False).order_by('id').first()\n"
        "print(service.public_id if service else '')\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    lines = found.stdout.strip().splitlines()
    return f"/register/services/{lines[-1]}/" if lines and lines[-1] else ""


def pages(service: str) -> dict[str, str]:
    """The issue's six pages, in each language."""
    chosen = {
        "home page": "/",
        "register search": "/register/?q=service",
        "standards list": "/standards/",
        "a standard": "/standards/5/",
        "open data": "/open-data/",
    }
    if service:
        chosen["a service"] = service
    return {
        f"{name} ({language})": f"/{language}{path}"
        for name, path in chosen.items()
        for language in ("en", "cy")
    }


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
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
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def lighthouse(binary: str, url: str) -> dict:
    """One Lighthouse run: each category's score out of 100, the metrics, the failed audits."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    done = subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-500:])
    report = json.loads(done.stdout)
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    for label, (metric, unit) in METRICS.items():
        scores[label] = report["audits"][metric]["numericValue"] / unit
    failed = []
    for name in ("seo", "best-practices", "accessibility"):
        for ref in report["categories"][name]["auditRefs"]:
            score = report["audits"][ref["id"]]["score"]
            if ref["weight"] and score is not None and score < 1:
                failed.append(ref["id"])
    return {**scores, "failed": failed}


def measure(binary: str, url: str) -> dict | None:
    """Lighthouse sometimes fails to record a trace (NO_NAVSTART): try once more."""
    for attempt in (1, 2):
        try:
            return lighthouse(binary, url)
        except RuntimeError as error:
            print(f"  Lighthouse failed on {url} (attempt {attempt}): {error}", file=sys.stderr)
    return None


def main() -> None:
    args = parse_args()
    if not Path(args.lighthouse).exists() and shutil.which(args.lighthouse) is None:
        raise SystemExit(f"{args.lighthouse} not found: see this script's docstring")
    server = None
    static_root = tempfile.mkdtemp(prefix="porth-lighthouse-static-")
    try:
        if args.base_url:
            base = args.base_url.rstrip("/")
            env = dict(os.environ)
        else:
            env = production_environment(static_root)
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
                env=env,
                cwd=ROOT,
                check=True,
            )
            port = free_port()
            server = start_gunicorn(env, port)
            base = f"http://127.0.0.1:{port}"
        chosen = pages(service_path(env))
        if args.only:
            chosen = {name: path for name, path in chosen.items() if args.only in name}
        print(f"Lighthouse (mobile) against {base}, median of {args.runs} run(s) a page")
        print(
            f"{'page':<24}"
            + "".join(f"{name[:13]:>14}" for name in CATEGORIES)
            + "".join(f"{label:>8}" for label in METRICS)
        )
        misses = 0
        for name, path in chosen.items():
            runs = [measure(args.lighthouse, base + path) for _ in range(args.runs)]
            runs = [run for run in runs if run is not None]
            if not runs:
                print(f"{name:<24}  Lighthouse failed twice")
                misses += len(CATEGORIES)
                continue
            scores = {c: int(statistics.median(run[c] for run in runs)) for c in CATEGORIES}
            metrics = {m: statistics.median(run[m] for run in runs) for m in METRICS}
            misses += sum(scores[c] < TARGETS[c] for c in CATEGORIES)
            failed = sorted({audit for run in runs for audit in run["failed"]})
            print(
                f"{name:<24}"
                + "".join(f"{scores[c]:>14}" for c in CATEGORIES)
                + "".join(f"{metrics[m]:>8.2f}" for m in METRICS)
                + (f"  failed: {', '.join(failed)}" if failed else "")
            )
        print(f"targets {TARGETS}: {misses} score(s) below target")
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
