"""How fast is a community thread page with 1,000 replies? (issue 14: p95 < 100 ms on
PostgreSQL; docs/adr/0051, 0059)

Not a test. It makes one open community with one thread and `--replies` published replies
(written in bulk: the point is reading them), then fetches the first, a middle and the last
page of the thread `--runs` times each through Django's test client as a signed-in member,
and prints the median and 95th percentile in milliseconds (wall time, and this process's CPU
time, which the other sessions' load inflates far less; and, on PostgreSQL on this machine,
the CPU time of the database's server process per request, from /proc), and the queries per
page; then the community's page (threads and the activity list, ADR 0059) the same way.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/porth_bench_communities \\
        .venv/bin/python bench/community_thread.py --replies 1000 --runs 50

The database is created and migrated if it is missing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import prepare_database  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def prepare() -> None:
    prepare_database()


def build(replies: int):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
    from porth.communities import actions, queries
    from porth.communities.models import Thread
    from porth.communities.tests.factories import CommunityFactory, MembershipFactory
    from porth.moderation import actions as moderation
    from porth.moderation.models import Contribution, Status
    from porth.moderation.sanitise import as_html

    slug = f"bench-{replies}"
    community = queries.community_by_slug(slug) or CommunityFactory(slug=slug)
    existing = community.memberships.select_related("person").first()
    member = (
        existing.person
        if existing
        else MembershipFactory(
            community=community, person=UserFactory(email=f"bench-{slug}@example.gov.uk")
        ).person
    )
    thread = Thread.objects.filter(community=community).first()
    if thread is None:
        thread = actions.start_thread(
            community=community, author=member, title="Bench", text="Opening", language="en"
        )
        staff = CentreStaffFactory(email=f"bench-staff-{slug}@example.gov.uk")
        moderation.decide(contribution=thread.opening, by=staff, approve=True, reason="Bench")
    have = Contribution.objects.filter(subject_key=str(thread.pk)).count() - 1
    kind = ContentType.objects.get_for_model(Thread)
    now = timezone.now()
    bodies = [
        f"Reply {n}: what we learnt from research with residents and carers."
        for n in range(max(0, replies - have))
    ]
    Contribution.objects.bulk_create(
        [
            Contribution(
                space=community.space,
                subject_type=kind,
                subject_key=str(thread.pk),
                subject_title=thread.title,
                subject_url=thread.get_absolute_url(),
                author=member,
                body=body,
                # What moderation's submit_contribution stores beside the text (ADR 0059).
                body_html=str(as_html(body)),
                status=Status.PUBLISHED,
                language="en",
                created_at=now,
            )
            for body in bodies
        ],
        batch_size=500,
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh bulk rows have no planner statistics until autovacuum gets to them; without
        # them the community's page was planned badly (75 ms of database CPU, not 7).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE moderation_contribution")
    return thread, member


def database_cpu_ms() -> float | None:
    """CPU time used so far by this connection's PostgreSQL server process, from /proc (the
    database is on this machine); None where that cannot be read."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command name: state is field 3, so utime (14) and stime (15) are 11 and 12.
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    prepare()
    from django.db import connection
    from django.test import Client

    from porth.communities.queries import POSTS_PER_PAGE

    thread, member = build(args.replies)
    client = Client()
    client.force_login(member)
    last = (args.replies + 1 + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"{connection.vendor}: a thread with {args.replies} replies, {POSTS_PER_PAGE} a page")
    count = [0]

    def counting(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    pages = [("first", 1), ("middle", (last + 1) // 2), ("last", last)]
    urls = [(f"page {n} ({label})", f"{thread.get_absolute_url()}?page={n}") for label, n in pages]
    # The community's own page: its threads and its activity list (1,000 posts to page through).
    urls.append(("the community's page", thread.community.get_absolute_url()))
    urls.append(("its activity, page 40", f"{thread.community.get_absolute_url()}?activity=40"))
    # For scale: a page of the same layout with little on it, on the same machine and moment.
    urls.append(("the list of communities", "/en/communities/"))
    for label, url in urls:
        assert client.get(url).status_code == 200
        count[0] = 0
        with connection.execute_wrapper(counting):
            client.get(url)
        times = []
        cpu = []
        database_before = database_cpu_ms()
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        database_after = database_cpu_ms()
        database = (
            f", database CPU {(database_after - database_before) / args.runs:.1f} ms a request"
            if database_before is not None and database_after is not None
            else ""
        )
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{label}: median {statistics.median(times):.1f} ms, "
            f"p95 {p95:.1f} ms, CPU median {statistics.median(cpu):.1f} ms "
            f"p95 {statistics.quantiles(cpu, n=20)[-1]:.1f} ms{database}, {count[0]} queries"
        )
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()
