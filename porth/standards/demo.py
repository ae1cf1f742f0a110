"""Seed the standards: version 1.0 and the manual; with `demo`, example checklists, and
self-assessments and reviews at every step, so every screen of the standards can be tried.

Called by `manage.py seed` (see porth/core/seeding.py). The standards, checklists and manual are
read from data/. Demo data is reproducible: one `random.Random(seed)` decides every rating.
Services of organisations that have editors come first, so the demo editor account finds work of
its own body to try.
"""

import datetime
import random
from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from porth.accounts.models import Membership, User
from porth.core.permissions import Role
from porth.core.seeding import SeedOptions
from porth.register.models import Service

from .actions import (
    ManualHomeMissing,
    load_standard_set,
    read_criterion_rows,
    read_standard_rows,
    seed_criteria,
    seed_manual,
)
from .actions.manual import read_manual_content
from .actions.review import (
    add_recommendation,
    assign_panel,
    record_standard_outcome,
    request_review,
    respond_to_report,
    submit_report,
    triage_review,
    update_assessor,
)
from .actions.self_assessment import (
    AnswerInput,
    add_action,
    save_answers,
    set_self_assessment_published,
    start_self_assessment,
    submit_self_assessment,
)
from .models import Criterion, Review, SelfAssessment

# The manual hangs under the home pages and names organisations; self-assessments go to the
# demo register's services, those of bodies with demo editors first.
DEPENDS_ON = ("organisations", "pages", "accounts", "register")
STANDARDS_VERSION = "1.0"


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """Load the standards and write the manual; with `demo`, fill empty checklists and add
    self-assessments and reviews. Each step leaves what is already there."""
    standard_set = load_standard_set(
        version=STANDARDS_VERSION, published_on=options.today, rows=read_standard_rows()
    )
    out(f"Standards {standard_set.version}: {standard_set.standards.count()} standards.")
    try:
        made = seed_manual(content=read_manual_content())
    except ManualHomeMissing:
        out("Manual skipped: the home pages are missing (the pages app seeds them).")
    else:
        out(f"Manual pages created: {made}")
    if not demo:
        return
    # The checklists are examples for a demo; on a real site centre staff write them.
    added = seed_criteria(standard_set=standard_set, rows=read_criterion_rows())
    out(f"Demo checklist criteria added: {added}")
    count = seed_demo_self_assessments(today=options.today)
    out(f"Demo self-assessments created: {count}")
    count = seed_demo_reviews(today=options.today)
    out(f"Demo reviews created: {count} (assessors: assessor-1@porth.example …)")


# (phase, months ago, ratings to draw from (weights), submitted, published, share answered)
DEMO_PLANS = [
    [
        ("alpha", 10, (5, 3, 2, 1), True, True, 1.0),
        ("beta", 2, (7, 2, 1, 1), True, True, 1.0),
        ("live", 0, (6, 2, 1, 0), False, False, 0.3),
    ],
    [("beta", 4, (5, 3, 2, 1), True, False, 1.0)],
    [("discovery", 0, (4, 3, 2, 1), False, False, 0.5)],
]
RATINGS = ["met", "partly_met", "not_met", "not_applicable"]
ACTION_PREFIX = {"en": "Produce and share: ", "cy": "Paratoi a rhannu: "}
OWNERS = {
    "en": ["Service owner", "User researcher", "Technical lead"],
    "cy": ["Perchennog y gwasanaeth", "Ymchwilydd defnyddwyr", "Arweinydd technegol"],
}


def _demo_services():
    has_editor = Membership.objects.filter(
        organisation=OuterRef("organisation"), role__gte=Role.EDITOR
    )
    return (
        Service.objects.current()
        .annotate(has_editor=Exists(has_editor))
        .filter(self_assessments__isnull=True)
        .order_by("-has_editor", "organisation__slug", "public_id")
    )


@transaction.atomic
def seed_demo_self_assessments(*, today: datetime.date, seed: int = 2026) -> int:
    """Self-assessments at every step for a few services; returns how many were made.

    Does nothing once any self-assessment exists, so running it again never adds more.
    """
    if SelfAssessment.objects.exists():
        return 0
    randomness = random.Random(seed)
    evidence = {
        item["number"]: {language: item[language]["evidence"] for language in ("en", "cy")}
        for item in read_manual_content()["standards"]
    }
    services = list(_demo_services()[: len(DEMO_PLANS)])
    made = 0
    for plan, service in zip(DEMO_PLANS, services, strict=False):
        person = (
            Membership.objects.filter(organisation=service.organisation, role__gte=Role.EDITOR)
            .select_related("person")
            .first()
        )
        starter = person.person if person else None
        language = "cy" if starter and starter.preferred_language == "cy" else "en"
        for phase, months_ago, weights, submit, publish, share in plan:
            self_assessment = start_self_assessment(service=service, phase=phase, person=starter)
            criteria = list(
                Criterion.objects.filter(
                    standard__standard_set=self_assessment.standard_set, phase=phase
                ).select_related("standard")
            )
            answered = criteria if share >= 1 else criteria[: int(len(criteria) * share)]
            answers = [
                AnswerInput(
                    criterion=criterion,
                    rating=randomness.choices(RATINGS, weights=weights)[0],
                    evidence=_pick(evidence, criterion, language, randomness),
                    links="",
                )
                for criterion in answered
            ]
            save_answers(self_assessment=self_assessment, answers=answers)
            weak = {a.criterion.standard for a in answers if a.rating in ("partly_met", "not_met")}
            for standard in sorted(weak, key=lambda s: s.number)[:4]:
                add_action(
                    self_assessment=self_assessment,
                    standard=standard,
                    description=ACTION_PREFIX[language]
                    + _lower_first(evidence.get(standard.number, {}).get(language, ["…"])[0]),
                    owner=randomness.choice(OWNERS[language]),
                    due_on=today + timedelta(days=30 * randomness.randint(1, 6)),
                )
            if submit:
                self_assessment = submit_self_assessment(
                    self_assessment=self_assessment, person=starter
                )
                if publish:
                    set_self_assessment_published(
                        self_assessment=self_assessment, is_published=True
                    )
            when = timezone.now() - timedelta(days=30 * months_ago)
            SelfAssessment.objects.filter(pk=self_assessment.pk).update(
                started_at=when - timedelta(days=14),
                submitted_at=when if submit else None,
            )
            made += 1
    return made


def _pick(evidence, criterion, language: str, randomness: random.Random) -> str:
    items = evidence.get(criterion.standard.number, {}).get(language) or [""]
    return randomness.choice(items)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


DEMO_ASSESSORS = [
    ("assessor-1@porth.example", "Demo assessor Angharad", "cy", ["user_research", "design"]),
    ("assessor-2@porth.example", "Demo assessor Rhys", "en", ["technology"]),
    ("assessor-3@porth.example", "Demo assessor Siân", "cy", ["product_and_delivery"]),
    ("assessor-4@porth.example", "Demo assessor Tom", "en", ["design", "technology"]),
]
FINDINGS = {
    "green": (
        "The team showed clear, current evidence for this standard.",
        "Dangosodd y tîm dystiolaeth glir a chyfredol ar gyfer y safon hon.",
    ),
    "amber": (
        "Some of the evidence is missing or out of date; agree the next steps with the centre.",
        "Mae peth o’r dystiolaeth ar goll neu’n hen; cytunwch ar y camau nesaf gyda’r ganolfan.",
    ),
}


def _demo_assessors() -> list:
    assessors = []
    for email, name, language, disciplines in DEMO_ASSESSORS:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(
                email,
                password=settings.PORTH_DEMO_PASSWORD,
                full_name=name,
                preferred_language=language,
            )
            EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        assessors.append(
            update_assessor(person=person, disciplines=disciplines, works_in_welsh=language == "cy")
        )
    return assessors


@transaction.atomic
def seed_demo_reviews(*, today: datetime.date, seed: int = 2026) -> int:
    """Reviews at different steps, for services with a submitted self-assessment; made once.

    One is published, one waits for the team to accept or challenge it, one waits for triage.
    """
    if Review.objects.exists():
        return 0
    randomness = random.Random(seed)
    assessors = _demo_assessors()
    evidence = {
        item["number"]: {language: item[language]["evidence"] for language in ("en", "cy")}
        for item in read_manual_content()["standards"]
    }
    # Reviews follow self-assessments: services with a submitted one first, then the rest.
    services = list(
        dict.fromkeys(
            self_assessment.service
            for self_assessment in SelfAssessment.objects.select_related("service").order_by(
                "-status", "submitted_at", "pk"
            )
        )
    )
    made = 0
    for step, service in zip(("published", "reported", "requested"), services, strict=False):
        editor = (
            Membership.objects.filter(organisation=service.organisation, role__gte=Role.EDITOR)
            .select_related("person")
            .first()
        )
        person = editor.person if editor else None
        review = request_review(
            service=service, phase="beta", preferred_dates="Any Tuesday next month", person=person
        )
        made += 1
        if step == "requested":
            continue
        triage_review(
            review=review, review_type="full_panel", review_date=today - timedelta(days=21)
        )
        panel = randomness.sample(assessors, 3)
        assign_panel(review=review, assessors=panel, lead=panel[0])
        for standard in review.standard_set.standards.all():
            rating = randomness.choices(["green", "amber"], weights=(3, 1))[0]
            finding = FINDINGS[rating]
            record_standard_outcome(
                review=review,
                standard=standard,
                rating=rating,
                went_well_en=FINDINGS["green"][0],
                went_well_cy=FINDINGS["green"][1],
                to_improve_en=finding[0] if rating == "amber" else "",
                to_improve_cy=finding[1] if rating == "amber" else "",
                person=panel[1].person,
            )
            if rating == "amber":
                texts = evidence.get(standard.number, {"en": ["…"], "cy": ["…"]})
                add_recommendation(
                    review=review,
                    standard=standard,
                    text_en=ACTION_PREFIX["en"] + _lower_first(texts["en"][0]),
                    text_cy=ACTION_PREFIX["cy"] + _lower_first(texts["cy"][0]),
                    due_on=None,
                    person=panel[0].person,
                )
        review = submit_report(
            review=review,
            outcome="amber",
            summary_en="A well-run service with a clear focus on users; the panel asks for more "
            "evidence on a few standards before the next phase.",
            summary_cy="Gwasanaeth sy’n cael ei redeg yn dda gyda ffocws clir ar ddefnyddwyr; "
            "mae’r panel yn gofyn am ragor o dystiolaeth ar ambell safon cyn y cyfnod nesaf.",
            person=panel[0].person,
        )
        if step == "published":
            respond_to_report(review=review, accept=True, reason="", person=person)
    return made
