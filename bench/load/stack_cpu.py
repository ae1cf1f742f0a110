"""gunicorn's CPU a request, by kind of request, through the whole stack (ADR 0070).

Not a test. `bench/miss_cpu.py` measures a page in-process, through Django's test client;
this starts `config/stack/stack.sh` (nginx, 3 gunicorn processes, 2 RQ workers) as the load
test does, asks for each kind one request at a time through nginx, and reads the web
processes' CPU from /proc before and after. So it counts what the test client leaves out:
gunicorn's own handling, the page cache's reads and writes, logging and metrics.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_scale_copy \\
        .venv/bin/python bench/load/stack_cpu.py [--requests 150]

The database must hold Porth with demo data, ideally topped up to 100,000 services
(`bench/search_at_scale.py`), and `var/loadtest/data.json` the addresses the load test uses
(`bench/load/run.py --prepare-only` writes it). The first three requests of each kind are not
counted, nor 60 requests before them all, while each web process opens its connections.
Pages from the cache are counted apart from the ones that missed it.
"""

import argparse
import json
import os
import random
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=150, help="requests a kind")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    args = parser.parse_args()
    args.fail_on_error = False
    env = run.environment(page_cache=300, redis_url=args.redis_url)
    env.update(
        PORTH_LOCAL_STACK="1",
        PORTH_API_ANONYMOUS_RATE="1000000/minute",
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
    )
    data = json.loads((ROOT / "var" / "loadtest" / "data.json").read_text())
    stack = run.start_stack(args, env)
    try:
        time.sleep(5)  # the stack's own start-up work (first requests, the workers' jobs)
        measure_kinds(stack, data, args.requests)
    finally:
        stack.down()


def measure_kinds(stack, data: dict, count: int) -> None:
    def ask(path: str) -> str:
        with urllib.request.urlopen(stack.host + path) as answer:
            answer.read()
            return answer.headers.get("X-Porth-Cache") or "not kept"

    def web_cpu() -> float:
        return sum(run._tree_cpu(pid) for pid in stack.web_pids())

    def measure(name: str, paths: list[str]) -> None:
        for path in paths[:3]:
            ask(path)
        paths = paths[3:]
        before, started, answers = web_cpu(), time.monotonic(), {}
        for path in paths:
            answer = ask(path)
            answers[answer] = answers.get(answer, 0) + 1
        cpu = (web_cpu() - before) * 1000 / len(paths)
        wall = (time.monotonic() - started) * 1000 / len(paths)
        print(
            f"  {name:26} gunicorn CPU {cpu:6.1f} ms a request, wall {wall:6.1f} ms   {answers}",
            flush=True,
        )

    chosen = random.Random(16).sample(data["services"], 2 * count + 6)
    first, second = chosen[: count + 3], chosen[count + 3 :]
    filters = [f"/en/register/?area={a}&welsh={w}" for a in data["areas"] for w in data["welsh"]]
    print(f"{count} requests a kind, one at a time, through nginx")
    # Each gunicorn process's first requests open its connections and read what it has not
    # warmed (about 0.2 s of CPU each): not counted against the first kind.
    for path in ["/bare", "/en/", "/en/standards/"] * 20:
        ask(path)
    measure("bare view", ["/bare"] * (count + 3))
    measure("home (kept)", ["/en/"] * (count + 3))
    measure("service page (new)", [f"/en/register/services/{s}/" for s in first])
    measure("service page (again)", [f"/en/register/services/{s}/" for s in first])
    measure("API service (new)", [f"/api/v1/services/{s}/" for s in second])
    measure("API list (new)", [f"/api/v1/services/?page={n}" for n in range(1, count + 4)])
    measure("register search (new)", [f"/en/register/?q={w}" for w in data["words"]["en"]])
    measure("register filters (new)", filters[: count + 3])


if __name__ == "__main__":
    main()
