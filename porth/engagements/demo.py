"""Seed engagements: with `demo`, the four engagements of the centre's alpha, described from its
alpha report, and a handful of plainly made-up requests for help.

The alpha report names no partner body for these engagements (it says "3 Local Authorities",
"the 22 Local Authorities"), so none is invented; the programmes that paid for the squads are
named in the text. Dates are those of the alpha period the report covers (June 2020 to January
2021), not the engagements' own, which the report does not give. Safe to run again: an
engagement or request already there is left as it is.
"""

import datetime
import json
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from porth.accounts.models import User
from porth.core.seeding import SeedOptions
from porth.organisations.models import Organisation

from . import actions
from .models import Engagement, HelpRequest

DEPENDS_ON = ("organisations", "accounts")

DATA = Path(__file__).parent / "data"
CENTRE_STAFF_EMAIL = "centre-staff@porth.example"
ADMIN_EMAIL = "admin@porth.example"
SOURCE_EN = (
    "Source: Centre for Digital Public Services alpha report (19 February 2021). The dates are "
    "those of the alpha period the report covers."
)
SOURCE_CY = (
    "Ffynhonnell: adroddiad alffa y Ganolfan Gwasanaethau Cyhoeddus Digidol (19 Chwefror 2021). "
    "Dyddiadau'r cyfnod alffa y mae'r adroddiad yn ei gwmpasu yw'r dyddiadau."
)


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@transaction.atomic
def seed_alpha_engagements() -> int:
    """The alpha's four engagements, each with its phase history; returns how many were added."""
    added = 0
    for row in json.loads((DATA / "alpha_engagements.json").read_text(encoding="utf-8")):
        if Engagement.objects.filter(title_en=row["title_en"]).exists():
            continue
        phases = row["phases"]
        engagement = actions.create_engagement(
            by=None,
            title_en=row["title_en"],
            title_cy=row["title_cy"],
            problem_en=row["problem_en"],
            problem_cy=row["problem_cy"],
            goals_en=row["goals_en"],
            goals_cy=row["goals_cy"],
            outcomes_en=row["outcomes_en"],
            outcomes_cy=row["outcomes_cy"],
            theme=row["theme"],
            phase=phases[0][0],
            starts_on=_date(phases[0][1]),
            is_public=True,
            partners=Organisation.objects.filter(slug__in=row["partners"]),
            source_en=SOURCE_EN,
            source_cy=SOURCE_CY,
        )
        for phase, started_on in phases[1:]:
            actions.change_phase(
                engagement=engagement, by=None, phase=phase, started_on=_date(started_on)
            )
        added += 1
    return added


@transaction.atomic
def seed_demo_requests() -> int:
    """Made-up requests from the demo bodies, some waiting and some answered."""
    if HelpRequest.objects.exists():
        return 0
    staff = User.objects.filter(email=CENTRE_STAFF_EMAIL).first()
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if staff is None:
        return 0
    added = 0
    for row in json.loads((DATA / "demo_requests.json").read_text(encoding="utf-8")):
        organisation = Organisation.objects.filter(slug=row["organisation"]).first()
        if organisation is None:
            continue
        requester = admin if admin is not None and organisation.slug == "cardiff" else staff
        help_request = actions.send_help_request(
            organisation=organisation,
            person=requester,
            problem=row["problem"],
            services=[],
            urgency=row["urgency"],
            help_type=row["help_type"],
            language=row["language"],
        )
        if row["decision"] == "accept":
            actions.accept_request(
                help_request=help_request,
                by=staff,
                title_en="Demo: school admissions review",
                title_cy="Enghraifft: adolygu derbyniadau ysgol",
                theme="other",
            )
        elif row["decision"] == "decline":
            actions.decline_request(
                help_request=help_request,
                by=staff,
                reason="Demo reason: the squads are fully booked this quarter.",
            )
        elif row["decision"] == "refer":
            actions.refer_request(
                help_request=help_request,
                by=staff,
                referred_to="Demo: a community of practice",
                reason="Demo reason: other councils can answer this best.",
            )
        added += 1
    return added


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """Nothing for production; the alpha's engagements and demo requests with `demo`."""
    if not demo:
        return
    out(f"Engagements from the alpha report: {seed_alpha_engagements()} added")
    out(f"Demo requests for help: {seed_demo_requests()} added")
