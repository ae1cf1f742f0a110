"""Seed panels: with `demo`, the 14-member advisory panel and an apprentice panel whose members
are paired with mentors, as the alpha report describes them. The people are plainly made up
(every surname is "Demo"); the panels' sizes and purposes come from the report, cited on the
page. Safe to run again: a panel already there is left as it is.
"""

import datetime
import json
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from porth.core.seeding import SeedOptions

from . import actions
from .models import Panel

DEPENDS_ON: tuple[str, ...] = ()
DATA = Path(__file__).parent / "data"
TERM_FROM = datetime.date(2020, 9, 1)


def _profile(name: str, role_en: str, role_cy: str) -> dict[str, str]:
    return {
        "profile_en": f"{name} is a made-up person for the demo: {role_en}.",
        "profile_cy": f"Person wedi'i ddychmygu ar gyfer y demo yw {name}: {role_cy}.",
    }


@transaction.atomic
def seed_demo_panels() -> int:
    """Both panels with members, one meeting with actions, and the mentoring pairs."""
    data = json.loads((DATA / "panels.json").read_text(encoding="utf-8"))
    if Panel.objects.filter(slug__in=[panel["slug"] for panel in data["panels"]]).exists():
        return 0
    advisory, apprentice = (actions.add_panel(by=None, **panel) for panel in data["panels"])
    advisers = [
        actions.add_member(
            by=None,
            panel=advisory,
            name=name,
            **_profile(name, "advisory panel member", "aelod o'r panel cynghori"),
            profile_is_public=index % 4 != 3,  # a few chose not to show their profile
            term_from=TERM_FROM,
        )
        for index, name in enumerate(data["advisers"])
    ]
    apprentices = [
        actions.add_member(
            by=None,
            panel=apprentice,
            name=name,
            **_profile(name, "apprentice panel member", "aelod o'r panel prentisiaid"),
            profile_is_public=True,
            term_from=TERM_FROM,
        )
        for name in data["apprentices"]
    ]
    for mentor, mentee in zip(advisers, apprentices, strict=False):
        actions.pair_up(by=None, mentor=mentor, apprentice=mentee, starts_on=TERM_FROM)
    meeting_data = data["meeting"]
    meeting = actions.record_meeting(
        by=None,
        panel=advisory,
        held_on=datetime.date.fromisoformat(meeting_data["held_on"]),
        agenda_en=meeting_data["agenda_en"],
        agenda_cy=meeting_data["agenda_cy"],
    )
    actions.save_minutes(
        by=None,
        meeting=meeting,
        minutes_en=meeting_data["minutes_en"],
        minutes_cy=meeting_data["minutes_cy"],
        publish=True,
    )
    for action in meeting_data["actions"]:
        actions.add_action(
            by=None,
            meeting=meeting,
            description_en=action["description_en"],
            description_cy=action["description_cy"],
            owner=action["owner"],
            due_on=datetime.date.fromisoformat(action["due_on"]),
        )
    return len(advisers) + len(apprentices)


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """Nothing for production; the demo panels with `demo`."""
    if not demo:
        return
    out(f"Demo panel members: {seed_demo_panels()} added")
