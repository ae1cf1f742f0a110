"""Sending one issue in both languages to many subscribers: rate, peak memory, and exactly one
email each after the worker is killed halfway and started again (docs/adr/0035-newsletter.md).

Not a test. It starts a local SMTP sink (aiosmtpd) in this process, seeds the subscribers and an
issue, runs the worker (`actions.issues.send_issue`) in a child process, kills it with SIGKILL
once half the subscribers have a send record, starts it again, and checks the sink's counts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_newsletter \\
        .venv/bin/python bench/newsletter.py --subscribers 100000

The database is created and migrated if it is missing; the bench's own rows are replaced each
run. Use a small `--subscribers` on a shared machine.
"""

import argparse
import asyncio
import collections
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def _setup() -> None:
    import django

    django.setup()


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), read before it is killed."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_worker(issue_id: int, port: int) -> None:
    """The child: send the issue to everyone without a send record, through the sink."""
    _setup()
    from django.core.mail import get_connection
    from django.core.mail.utils import DNS_NAME

    from porth.newsletter.actions.issues import send_issue

    # Django names this machine to the SMTP server by its FQDN, and looking that up can wait on
    # DNS for minutes in a sandbox; the local sink does not care what we are called.
    DNS_NAME._fqdn = "localhost"

    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=port
    )
    started = time.monotonic()
    sent = send_issue(issue_id=issue_id, rate=100_000, batch_size=1000, connection=connection)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"worker: sent {sent} in {seconds:.1f} s ({sent / max(seconds, 0.001):.0f}/s), "
        f"peak {peak:.0f} MB",
        flush=True,
    )


def _prepare(count: int) -> int:
    _setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        import psycopg

        name = connection.settings_dict["NAME"]
        with psycopg.connect(
            host=connection.settings_dict["HOST"] or "127.0.0.1",
            user=connection.settings_dict["USER"],
            dbname="postgres",
            autocommit=True,
        ) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
    print("migrating the bench database…", flush=True)
    call_command("migrate", verbosity=0)
    print(f"seeding {count} subscribers…", flush=True)
    from django.utils import timezone

    from porth.newsletter.models import Issue, IssueStatus, Subscriber

    Issue.objects.filter(subject_en__startswith="Bench:").delete()
    Subscriber.objects.filter(email__endswith="@bench.invalid").delete()
    now = timezone.now()
    languages = ["cy", "en", "both"]
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{n}@bench.invalid",
                status="confirmed",
                confirmed_at=now,
                wants_blog=True,
                language=languages[n % 3],
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    issue = Issue.objects.create(
        topic="blog",
        subject_en="Bench: what we learnt in alpha",
        subject_cy="Mainc: beth ddysgon ni yn y cyfnod alffa",
        body_en="Most bodies keep their list of services in a spreadsheet. " * 20,
        body_cy="Mae'r rhan fwyaf o gyrff yn cadw eu rhestr gwasanaethau mewn taenlen. " * 20,
        status=IssueStatus.SENDING,
    )
    return issue.pk


class Sink:
    """Counts every recipient the SMTP server is given."""

    def __init__(self) -> None:
        self.counts: collections.Counter[str] = collections.Counter()

    async def handle_DATA(self, server, session, envelope) -> str:
        for address in envelope.rcpt_tos:
            self.counts[address] += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args.worker, args.port)
        return

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    asyncio.set_event_loop(asyncio.new_event_loop())
    issue_id = _prepare(args.subscribers)
    from porth.newsletter.models import Send

    child = [sys.executable, __file__, "--worker", str(issue_id), "--port", str(port)]
    started = time.monotonic()
    first = subprocess.Popen(child)
    while Send.objects.filter(issue_id=issue_id).count() < args.subscribers // 2:
        if first.poll() is not None:
            break
        time.sleep(0.2)
    peak_first = _peak_mb(first.pid) if first.poll() is None else 0.0
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = Send.objects.filter(issue_id=issue_id).count()
    print(f"killed the worker after {killed_at} send records (peak {peak_first:.0f} MB)")
    subprocess.run(child, check=True)
    seconds = time.monotonic() - started
    controller.stop()

    received = sum(sink.counts.values())
    twice = sum(1 for count in sink.counts.values() if count > 1)
    missing = args.subscribers - len(sink.counts)
    print(
        f"subscribers {args.subscribers}: {received} emails in {seconds:.1f} s "
        f"({received / seconds:.0f}/s including the restart)"
    )
    print(f"exactly one each: {twice == 0 and missing == 0} (twice: {twice}, none: {missing})")


if __name__ == "__main__":
    main()
