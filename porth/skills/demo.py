"""Seed the skills app: with `demo`, plainly fictional demo people in a few bodies who have
done skills self-assessments (enough for the aggregates of five or more to show, and one group
too small to show), an organisation waiting to be added, and two years of a body's digital
capability self-assessment. The framework itself is data in data/ and needs no seeding.

Demo people are made as the standards' demo makes its people (accounts' models, as a demo only);
their answers go through this app's actions. Reproducible: one `random.Random(seed)`.
"""

import json
import random
from collections.abc import Callable
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from porth.accounts.models import Membership, User
from porth.core.permissions import Role
from porth.core.seeding import SeedOptions
from porth.organisations.models import Organisation

from . import actions
from .framework import current
from .models import CapabilityAssessment, OrganisationRequest, SkillsAssessment

DEPENDS_ON = ("organisations", "accounts")
DATA = Path(__file__).resolve().parent / "data" / "demo_people.json"
DEMO_DOMAIN = "skills-demo.porth.example"


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    if not demo:
        return
    data = json.loads(DATA.read_text(encoding="utf-8"))
    made = seed_demo_assessments(data=data, random_seed=options.random_seed)
    out(f"Demo skills self-assessments created: {made}")
    seed_demo_capability(data=data)
    seed_demo_requests(data=data)


def _demo_person(number: int, organisation: Organisation) -> User:
    email = f"person-{number:02d}@{DEMO_DOMAIN}"
    person, created = User.objects.get_or_create(
        email=email, defaults={"full_name": f"Demo person {number:02d}"}
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
    Membership.objects.get_or_create(
        person=person, organisation=organisation, defaults={"role": Role.MEMBER}
    )
    return person


@transaction.atomic
def seed_demo_assessments(*, data: dict, random_seed: int) -> int:
    """Each demo person's finished self-assessment; left alone if they have one already."""
    rng = random.Random(random_seed)
    framework = current()
    number, made = 0, 0
    for body in data["bodies"]:
        organisation = Organisation.objects.filter(slug=body["organisation"]).first()
        for context, count in body["contexts"].items():
            for _ in range(count):
                number += 1
                if organisation is None:
                    continue
                person = _demo_person(number, organisation)
                if SkillsAssessment.objects.filter(person=person).exists():
                    continue
                assessment = actions.start_skills_assessment(person=person, context=context)
                ratings = {
                    r.skill.code: max(0, min(4, r.level.value + rng.choice([-2, -1, -1, 0, 0, 1])))
                    for r in framework.contexts[context].requirements
                }
                actions.save_skill_ratings(
                    assessment=assessment, ratings=ratings, person=person, finish=True
                )
                made += 1
    return made


def seed_demo_capability(*, data: dict) -> None:
    capability = data["capability"]
    organisation = Organisation.objects.filter(slug=capability["organisation"]).first()
    if (
        organisation is None
        or CapabilityAssessment.objects.filter(organisation=organisation).exists()
    ):
        return
    this_year = timezone.localdate().year
    for years_ago, levels in sorted(capability["years_ago"].items(), reverse=True):
        actions.save_capability_assessment(
            organisation=organisation,
            year=this_year - int(years_ago),
            answers=[
                actions.AreaAnswer(area=area, level=level, evidence=capability["evidence_en"])
                for area, level in levels.items()
            ],
            by=None,
            earlier_year=True,
        )


def seed_demo_requests(*, data: dict) -> None:
    person = User.objects.filter(email=f"person-01@{DEMO_DOMAIN}").first()
    if person is None:
        return
    for item in data["waiting_organisations"]:
        if not OrganisationRequest.objects.filter(name=item["name"]).exists():
            actions.request_organisation(person=person, name=item["name"], website=item["website"])
