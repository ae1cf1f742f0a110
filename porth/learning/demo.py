"""Seed learning: always the alpha report's people-trained figures (a dated record with its
source, not invented people); with `demo`, courses, past and upcoming sessions, a webinar
series, bookings and a waiting list for the demo accounts.

Safe to run again: figures are matched by key, courses by slug, and sessions are made only
while a course has none.
"""

import csv
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from porth.accounts.models import User
from porth.core.seeding import SeedOptions

from . import actions
from .models import Course, HistoricalReach, Session

DEPENDS_ON = ("organisations", "accounts")

DATA = Path(__file__).parent / "data"
LONDON = ZoneInfo("Europe/London")


def read_historical_rows() -> list[dict[str, str]]:
    with (DATA / "alpha_reach.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seed_historical_reach(rows: list[dict[str, str]]) -> int:
    """Load the reported figures; returns how many rows are stored."""
    for row in rows:
        HistoricalReach.objects.update_or_create(
            key=row["key"],
            role_category=row["role_category"],
            defaults={
                "recorded_on": datetime.date.fromisoformat(row["recorded_on"]),
                "course_title_en": row["course_title_en"],
                "course_title_cy": row["course_title_cy"],
                "people": int(row["people"]),
                "source_en": row["source_en"],
                "source_cy": row["source_cy"],
            },
        )
    return len(rows)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _session(course: Course, day: datetime.date, hour: int, **kwargs) -> Session:
    starts = _at(day, hour)
    opens = starts - datetime.timedelta(days=60)
    return actions.schedule_session(
        course=course,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=course.length_minutes),
        booking_opens_at=opens,
        booking_closes_at=starts - datetime.timedelta(hours=2),
        by=None,
        **kwargs,
    )


@transaction.atomic
def seed_demo_learning(today: datetime.date) -> None:
    courses = [
        actions.save_course(**row, by=None)
        for row in json.loads((DATA / "courses.json").read_text(encoding="utf-8"))
    ]
    intro, webinar, bilingual = courses
    if Session.objects.exists():
        return
    link = "https://meet.example.org/porth-learning"
    for weeks in (-10, -6):
        _session(
            intro,
            today + datetime.timedelta(weeks=weeks),
            10,
            delivery_language="en",
            capacity=20,
            joining_link=link,
        )
    small = _session(
        intro,
        today + datetime.timedelta(days=12),
        10,
        delivery_language="en",
        capacity=2,
        joining_link=link,
    )
    _session(
        intro,
        today + datetime.timedelta(days=26),
        14,
        delivery_language="cy",
        capacity=20,
        joining_link=link,
    )
    for months in range(0, 4):
        _session(
            webinar,
            today + datetime.timedelta(days=7 + 28 * months),
            12,
            delivery_language="bilingual",
            capacity=100,
            joining_link=link,
        )
    _session(
        bilingual,
        today + datetime.timedelta(days=40),
        10,
        delivery_language="bilingual",
        capacity=16,
        place_en="Cardiff: venue to be confirmed",
        place_cy="Caerdydd: lleoliad i'w gadarnhau",
    )
    people = {
        person.email: person for person in User.objects.filter(email__endswith="@porth.example")
    }
    order = ["admin@porth.example", "editor@porth.example", "member@porth.example"]
    for email in order:
        person = people.get(email)
        if person is not None:
            actions.book_place(session=small, person=person, participation_language="en")


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """The alpha figures always; demo courses and sessions with `demo`."""
    count = seed_historical_reach(read_historical_rows())
    out(f"learning: {count} reported figures from the alpha report")
    if demo:
        seed_demo_learning(options.today)
        out(f"learning: {Course.objects.count()} courses, {Session.objects.count()} sessions")
