"""Seed the communities of practice (`manage.py seed`).

Always: the four communities the centre runs (Welsh-language design, adult social care
digital, digital democracy, procurement), each with its own moderation space and, for the
Welsh-language community, its pinned resources. With `--demo`: the demo accounts as members
and leads, and a few threads with replies, approved by centre staff through moderation.
The facts come from the centre's alpha report of 19 February 2021 (data/communities.json).
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from porth.core.seeding import SeedOptions
from porth.moderation import actions as moderation

from . import actions, queries
from .models import Thread

DEPENDS_ON: tuple[str, ...] = ("accounts",)
DATA = Path(__file__).parent / "data" / "communities.json"
CENTRE_STAFF_EMAIL = "centre-staff@porth.example"


def load_data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    data = load_data()
    made = _seed_communities(data)
    out(f"Communities: {made} created, {len(data['communities']) - made} already there.")
    if demo:
        threads = _seed_demo(data["demo"])
        out(f"Communities: {threads} demo threads created.")


@transaction.atomic
def _seed_communities(data: dict[str, Any]) -> int:
    made = 0
    for row in data["communities"]:
        if queries.community_by_slug(row["slug"]) is not None:
            continue  # kept as its leads and centre staff left it
        community = actions.create_community(
            slug=row["slug"],
            name_en=row["name"]["en"],
            name_cy=row["name"]["cy"],
            description_en=f"{row['description']['en']}\n\n{data['source']['en']}",
            description_cy=f"{row['description']['cy']}\n\n{data['source']['cy']}",
            access=row["access"],
            welsh_first=row["welsh_first"],
            by=None,
        )
        for resource in row["resources"]:
            actions.add_resource(
                community=community,
                by=None,
                title_en=resource["en"],
                title_cy=resource["cy"],
                url=resource["url"],
            )
        made += 1
    return made


@transaction.atomic
def _seed_demo(demo: dict[str, Any]) -> int:
    people = {
        person.email: person
        for person in get_user_model().objects.filter(email__endswith="@porth.example")
    }
    staff = people.get(CENTRE_STAFF_EMAIL)
    if staff is None:
        return 0  # the accounts app makes the demo accounts; nothing to seed members from
    for slug, emails in demo["members"].items():
        community = queries.community_by_slug(slug)
        for email in [demo["leads"][slug], *emails]:
            if email in people and queries.membership_of(people[email], community) is None:
                membership = actions.join_community(
                    community=community, person=people[email], listed=True
                )
                if not membership.is_active:
                    actions.decide_membership(membership=membership, by=staff, approve=True)
        lead = queries.membership_of(people[demo["leads"][slug]], community)
        if lead is not None and not lead.is_lead:
            actions.appoint_lead(membership=lead, by=staff)
    made = 0
    for row in demo["threads"]:
        community = queries.community_by_slug(row["community"])
        if Thread.objects.filter(community=community, title=row["title"]).exists():
            continue
        thread = actions.start_thread(
            community=community,
            author=people[row["author"]],
            title=row["title"],
            text=row["text"],
            language=row["language"],
        )
        _approve(thread.opening, staff)
        thread.refresh_from_db()
        if row["pinned"]:
            actions.pin_thread(thread=thread, by=staff, pinned=True)
        for reply in row["replies"]:
            post = actions.reply(
                thread=thread,
                author=people[reply["author"]],
                text=reply["text"],
                language=reply["language"],
            )
            _approve(post, staff)
        made += 1
    return made


def _approve(contribution: Any, staff: Any) -> None:
    if contribution.is_waiting:
        moderation.decide(
            contribution=contribution, by=staff, approve=True, reason="Demo data from the seed"
        )
