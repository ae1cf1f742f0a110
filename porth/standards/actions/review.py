"""Peer review, step by step: request, triage, panel, report, the team's response, publishing.

Each step checks that the review is at the right step and that the person may take it, and
emails the people involved, each in their own language, once the change is committed.
"""

import calendar
import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.accounts.models import Membership, User
from porth.core import audit
from porth.core.edits import Difference, StaleEdit, create_once
from porth.core.permissions import Role

from ..models import (
    RAG,
    Assessor,
    ConflictOfInterest,
    PanelMember,
    Recommendation,
    Review,
    ReviewStatus,
    ReviewType,
    SelfAssessment,
    SelfAssessmentStatus,
    Standard,
    StandardOutcome,
    StandardSet,
)
from ..queries.review import ConflictKind, PanelConflict, panel_conflicts
from ..working_days import add_working_days
from .self_assessment import NoCurrentStandards

RESPONSE_WORKING_DAYS = 10
RECOMMENDATION_MONTHS = 3
FULL_PANEL_SIZE = 3


class ReviewAlreadyOpen(Exception):
    """The service has a review that has not been published yet."""


class WrongReviewStep(Exception):
    """The review is not at the step this action belongs to."""


class AssessorConflicted(Exception):
    """An assessor may not review this service: a declared conflict of interest with its body
    or a partner, a role in either, or work on the service for its team (`conflict` says which)."""

    def __init__(self, assessor: Assessor, conflict: PanelConflict | None = None):
        super().__init__(str(assessor))
        self.assessor = assessor
        self.conflict = conflict or PanelConflict(ConflictKind.DECLARED)


class PanelInvalid(Exception):
    """The panel lacks a lead, has an unavailable assessor or is too small for its type."""


class NotOnPanel(Exception):
    """Only the assigned panel writes the report."""


class NotLeadAssessor(Exception):
    """Only the lead assessor submits the report."""


class ReportAuthorMayNotRespond(Exception):
    """Someone on the panel that wrote the report may not accept, challenge or settle it too."""


class ReportIncomplete(Exception):
    """Every standard needs an outcome, and the summary is needed in both languages."""

    def __init__(self, standard_numbers: list[int]):
        super().__init__(standard_numbers)
        self.standard_numbers = standard_numbers


def _lock_afresh(review: Review) -> None:
    """Lock the review's row and read it again into the caller's object, so that two submits
    at once take turns and each sees what the other did."""
    Review.objects.select_for_update().only("pk").get(pk=review.pk)
    review.refresh_from_db()


def _require(review: Review, *steps: str) -> None:
    if review.status not in steps:
        raise WrongReviewStep(review.status)


def _team(review: Review) -> list[User]:
    editors = Membership.objects.filter(
        organisation=review.service.organisation, role__gte=Role.EDITOR
    ).select_related("person")
    return [review.requested_by, *(membership.person for membership in editors)]


def _centre_staff() -> list[User]:
    return list(User.objects.filter(is_centre_staff=True, is_active=True))


def _panel(review: Review, lead_only: bool = False) -> list[User]:
    members = review.panel.select_related("assessor__person")
    if lead_only:
        members = members.filter(is_lead=True)
    return [member.assessor.person for member in members]


def _notify(people: Iterable[User | None], event: str, review: Review) -> None:
    """One email per person, in their recorded language, sent once the step is committed."""
    recipients = list({person.pk: person for person in people if person and person.email}.values())
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")

    def send() -> None:
        for person in recipients:
            with translation.override(person.preferred_language):
                context = {
                    "review": review,
                    "service_name": review.service.name,
                    "organisation_name": review.service.organisation.name,
                    "url": url + reverse("standards:review_detail", args=[review.pk]),
                }
                subject = render_to_string(f"standards/email/review_{event}_subject.txt", context)
                body = render_to_string(f"standards/email/review_{event}_message.txt", context)
            EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email]).send()

    transaction.on_commit(send)


def _audit(
    review: Review, by: User | None, action: str, title, before=None, after=None, values=None
) -> None:
    audit.record(
        by=by,
        action=f"standards.{action}",
        target=review,
        title=title,
        title_values=values,
        before=before,
        after=after,
        organisation=review.service.organisation,
    )


REVIEW_STEP_FIELDS = ("status", "review_type", "review_date")
REPORT_FIELDS = ("status", "outcome", "summary_en", "summary_cy", "response_due_on")
RESPONSE_FIELDS = ("status", "challenge_reason")
OUTCOME_FIELDS = ("rating", "went_well_en", "went_well_cy", "to_improve_en", "to_improve_cy")


def _panel_shown(review: Review) -> dict:
    members = review.panel.select_related("assessor__person").order_by("-is_lead", "pk")
    return {"panel": audit.Shown(_("panel"), [str(member.assessor) for member in members])}


def _months_later(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


# --- The team asks --------------------------------------------------------------------------


def request_review(
    *,
    service,
    phase: str,
    preferred_dates: str,
    person: User,
    creation_token: uuid.UUID | None = None,
) -> Review:
    """Ask for a review; the latest submitted self-assessment goes with it as the pre-read.

    A service has one review in progress at a time (a database constraint says so, so two
    requests at once cannot both pass). With a `creation_token`, a repeated submit of the same
    form returns the review the first one asked for.
    """
    try:
        return create_once(
            Review,
            creation_token,
            lambda: _request_review(
                service=service,
                phase=phase,
                preferred_dates=preferred_dates,
                person=person,
                creation_token=creation_token,
            ),
        )
    except IntegrityError as error:
        raise ReviewAlreadyOpen from error


def _request_review(
    *, service, phase: str, preferred_dates: str, person: User, creation_token: uuid.UUID | None
) -> Review:
    if Review.objects.filter(service=service).exclude(status=ReviewStatus.PUBLISHED).exists():
        raise ReviewAlreadyOpen
    standard_set = StandardSet.objects.filter(is_current=True).first()
    if standard_set is None:
        raise NoCurrentStandards
    pre_read = (
        SelfAssessment.objects.filter(service=service, status=SelfAssessmentStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    review = Review.objects.create(
        service=service,
        phase=phase,
        standard_set=standard_set,
        self_assessment=pre_read,
        preferred_dates=preferred_dates.strip(),
        requested_by=person,
        creation_token=creation_token,
    )
    _audit(
        review,
        person,
        "request_review",
        _("Review requested"),
        after=audit.snapshot(review, ["phase", "status", "preferred_dates"]),
    )
    _notify(_centre_staff(), "requested", review)
    return review


# --- Centre staff triage and form the panel ---------------------------------------------------


@transaction.atomic
def triage_review(
    *, review: Review, review_type: str, review_date: datetime.date, by: User | None = None
) -> Review:
    _require(review, ReviewStatus.REQUESTED, ReviewStatus.TRIAGED)
    before = audit.snapshot(review, REVIEW_STEP_FIELDS)
    review.review_type = review_type
    review.review_date = review_date
    review.status = ReviewStatus.TRIAGED
    review.triaged_at = timezone.now()
    review.save(update_fields=["review_type", "review_date", "status", "triaged_at"])
    after = audit.snapshot(review, REVIEW_STEP_FIELDS)
    _audit(review, by, "triage_review", _("Review triaged"), before, after)
    _notify(_team(review), "triaged", review)
    return review


@transaction.atomic
def assign_panel(
    *, review: Review, assessors: list[Assessor], lead: Assessor, by: User | None = None
) -> Review:
    """Set the panel; refused if any assessor has a conflict with the body or a partner,
    declared or not (`queries.panel_conflicts`)."""
    _require(review, ReviewStatus.TRIAGED, ReviewStatus.IN_REVIEW)
    if lead not in assessors or any(not assessor.is_active for assessor in assessors):
        raise PanelInvalid
    if review.review_type == ReviewType.FULL_PANEL and len(assessors) < FULL_PANEL_SIZE:
        raise PanelInvalid
    _refuse_conflicted(review, assessors)
    newcomers = [a for a in assessors if not review.panel.filter(assessor=a).exists()]
    before = {**audit.snapshot(review, ["status"]), **_panel_shown(review)}
    review.panel.all().delete()
    PanelMember.objects.bulk_create(
        PanelMember(review=review, assessor=assessor, is_lead=assessor == lead)
        for assessor in assessors
    )
    review.status = ReviewStatus.IN_REVIEW
    review.panel_assigned_at = timezone.now()
    review.save(update_fields=["status", "panel_assigned_at"])
    after = {**audit.snapshot(review, ["status"]), **_panel_shown(review)}
    _audit(review, by, "assign_panel", _("Panel assigned"), before, after)
    _notify((assessor.person for assessor in newcomers), "panel_assigned", review)
    return review


def _refuse_conflicted(review: Review, assessors: list[Assessor]) -> None:
    conflicts = panel_conflicts(review, assessors)
    for assessor in assessors:
        if assessor.pk in conflicts:
            raise AssessorConflicted(assessor, conflicts[assessor.pk])


# --- The panel reports ------------------------------------------------------------------------


def _panel_member(review: Review, person: User) -> PanelMember:
    member = review.panel.filter(assessor__person=person).first()
    if member is None:
        raise NotOnPanel
    return member


OUTCOME_FIELD_LABELS = {
    "rating": _("Outcome for this standard"),
    "went_well_en": _("What went well, in English"),
    "went_well_cy": _("What went well, in Welsh"),
    "to_improve_en": _("What to improve, in English"),
    "to_improve_cy": _("What to improve, in Welsh"),
}


def _shown(name: str, value: str) -> str:
    return str(RAG(value).label) if name == "rating" and value else value


def _check_not_stale(
    review: Review, stale: bool, labels: dict, theirs: dict, yours: dict
) -> list[str]:
    """The fields this save changes; `StaleEdit` if the edit is `stale` and any differ."""
    changed = [name for name in labels if theirs[name] != yours[name]]
    if stale and changed:
        raise StaleEdit(
            version=review.version,
            differences=[
                Difference(labels[name], _shown(name, theirs[name]), _shown(name, yours[name]))
                for name in changed
            ],
        )
    return changed


def _next_version(review: Review) -> None:
    Review.objects.filter(pk=review.pk).update(version=models.F("version") + 1)
    review.version += 1


@transaction.atomic
def record_standard_outcome(
    *,
    review: Review,
    standard: Standard,
    rating: str,
    went_well_en: str,
    went_well_cy: str,
    to_improve_en: str,
    to_improve_cy: str,
    person: User,
    version: int | None = None,
) -> StandardOutcome:
    """Save the panel's finding on one standard.

    `version` is the review's version when the page was opened: if this finding has been
    saved since and this would overwrite it with something different, `StaleEdit` says what
    differs. Findings on other standards saved meanwhile do not count.
    """
    _lock_afresh(review)
    _require(review, ReviewStatus.IN_REVIEW)
    _panel_member(review, person)
    if standard.standard_set_id != review.standard_set_id:
        raise ValueError("The standard is from a different version")
    saved = StandardOutcome.objects.filter(review=review, standard=standard).first()
    before = audit.snapshot(saved or StandardOutcome(), OUTCOME_FIELDS)
    yours = {
        "rating": rating,
        "went_well_en": went_well_en.strip(),
        "went_well_cy": went_well_cy.strip(),
        "to_improve_en": to_improve_en.strip(),
        "to_improve_cy": to_improve_cy.strip(),
    }
    existing = review.outcomes.filter(standard=standard).first()
    theirs = {name: getattr(existing, name) if existing else "" for name in OUTCOME_FIELD_LABELS}
    stale = version is not None and existing is not None and existing.changed_in_version > version
    changed = _check_not_stale(review, stale, OUTCOME_FIELD_LABELS, theirs, yours)
    if existing is not None and not changed:
        return existing
    _next_version(review)
    outcome, _created = StandardOutcome.objects.update_or_create(
        review=review,
        standard=standard,
        defaults={**yours, "changed_in_version": review.version},
    )
    _audit(
        review,
        person,
        "record_standard_outcome",
        _("Outcome for standard %(number)s recorded"),
        before,
        audit.snapshot(outcome, OUTCOME_FIELDS),
        values={"number": standard.number},
    )
    return outcome


def add_recommendation(
    *,
    review: Review,
    standard: Standard,
    text_en: str,
    text_cy: str,
    due_on: datetime.date | None,
    person: User,
    creation_token: uuid.UUID | None = None,
) -> Recommendation:
    """Recommendations are due three months after the review unless the panel says otherwise.

    With a `creation_token`, submitting the same form again returns the one it added.
    """
    _require(review, ReviewStatus.IN_REVIEW)
    _panel_member(review, person)
    start = review.review_date or timezone.localdate()

    def add() -> Recommendation:
        recommendation = Recommendation.objects.create(
            review=review,
            standard=standard,
            text_en=text_en.strip(),
            text_cy=text_cy.strip(),
            due_on=due_on or _months_later(start, RECOMMENDATION_MONTHS),
            creation_token=creation_token,
        )
        after = audit.snapshot(recommendation, ["standard", "text_en", "text_cy", "due_on"])
        _audit(review, person, "add_recommendation", _("Recommendation added"), after=after)
        return recommendation

    return create_once(Recommendation, creation_token, add)


@transaction.atomic
def submit_report(
    *,
    review: Review,
    outcome: str,
    summary_en: str,
    summary_cy: str,
    person: User,
) -> Review:
    """The lead assessor sends the report to the team, who have 10 working days to respond.

    The panel is checked for conflicts again: someone may have joined the body since it was
    chosen, and their report must not go out until the centre changes the panel. Only the lead
    writes the report, in one step; the row lock makes a second submit find the review already
    reported (`WrongReviewStep`) instead of sending it twice.
    """
    _lock_afresh(review)
    _require(review, ReviewStatus.IN_REVIEW)
    if not _panel_member(review, person).is_lead:
        raise NotLeadAssessor
    _refuse_conflicted(
        review, [member.assessor for member in review.panel.select_related("assessor")]
    )
    rated = set(review.outcomes.values_list("standard__number", flat=True))
    missing = sorted(set(review.standard_set.standards.values_list("number", flat=True)) - rated)
    if missing or not (summary_en.strip() and summary_cy.strip()) or outcome not in RAG.values:
        raise ReportIncomplete(missing)
    before = audit.snapshot(review, REPORT_FIELDS)
    review.outcome = outcome
    review.summary_en = summary_en.strip()
    review.summary_cy = summary_cy.strip()
    review.status = ReviewStatus.REPORTED
    review.reported_at = timezone.now()
    review.response_due_on = add_working_days(timezone.localdate(), RESPONSE_WORKING_DAYS)
    review.version += 1
    review.save()
    after = audit.snapshot(review, REPORT_FIELDS)
    _audit(review, person, "submit_report", _("Report sent to the team"), before, after)
    _notify(_team(review), "reported", review)
    return review


# --- The team responds; the centre settles challenges ----------------------------------------


def _refuse_panel_member(review: Review, person: User) -> None:
    """Separation of duties: whoever wrote the report does not also answer for the team or
    settle a challenge to it (centre staff may edit any body, so may be both)."""
    if review.panel.filter(assessor__person=person).exists():
        raise ReportAuthorMayNotRespond


def _publish(review: Review) -> None:
    review.status = ReviewStatus.PUBLISHED
    review.published_at = timezone.now()


@transaction.atomic
def respond_to_report(*, review: Review, accept: bool, reason: str, person: User) -> Review:
    """Accepting publishes the report; challenging sends it to the centre with the reason.

    The view lets only the body's editors (and centre staff) here; no one on the panel. The row
    is locked and read afresh, so two answers at once cannot both act."""
    _lock_afresh(review)
    _require(review, ReviewStatus.REPORTED)
    _refuse_panel_member(review, person)
    if not accept and not reason.strip():
        raise ValueError("A challenge needs a reason")
    before = audit.snapshot(review, RESPONSE_FIELDS)
    review.responded_at = timezone.now()
    if accept:
        _publish(review)
        review.save()
        _notify([*_centre_staff(), *_panel(review), *_team(review)], "accepted", review)
    else:
        review.status = ReviewStatus.CHALLENGED
        review.challenge_reason = reason.strip()
        review.save()
        _notify([*_centre_staff(), *_panel(review, lead_only=True)], "challenged", review)
    title = _("Report accepted") if accept else _("Report challenged")
    after = audit.snapshot(review, RESPONSE_FIELDS)
    _audit(review, person, "respond_to_report", title, before, after)
    return review


@transaction.atomic
def resolve_challenge(*, review: Review, uphold_report: bool, person: User) -> Review:
    """Centre staff either publish the report as it stands or send it back to the panel; no
    one on the panel decides on a challenge to their own report. The row is locked and read
    afresh, so two decisions at once cannot both act."""
    _lock_afresh(review)
    _require(review, ReviewStatus.CHALLENGED)
    _refuse_panel_member(review, person)
    before = audit.snapshot(review, ["status"])
    if uphold_report:
        _publish(review)
        review.save()
        _notify([*_team(review), *_panel(review)], "published", review)
    else:
        review.status = ReviewStatus.IN_REVIEW
        review.save(update_fields=["status"])
        _notify(_panel(review), "reopened", review)
    title = _("Challenge settled: report upheld") if uphold_report else _("Report sent back")
    after = audit.snapshot(review, ["status"])
    _audit(review, person, "resolve_challenge", title, before, after)
    return review


@transaction.atomic
def set_recommendation_done(
    *, recommendation: Recommendation, is_done: bool, by: User | None = None
) -> Recommendation:
    before = audit.snapshot(recommendation, ["text_en", "is_done"])
    recommendation.is_done = is_done
    recommendation.done_at = timezone.now() if is_done else None
    recommendation.save(update_fields=["is_done", "done_at"])
    title = _("Recommendation marked as done") if is_done else _("Recommendation not done")
    after = audit.snapshot(recommendation, ["text_en", "is_done"])
    _audit(recommendation.review, by, "set_recommendation_done", title, before, after)
    return recommendation


# --- The assessor pool ------------------------------------------------------------------------


ASSESSOR_FIELDS = ("disciplines", "works_in_welsh", "is_active")


def _conflicts_shown(assessor: Assessor) -> dict:
    names = sorted(str(conflict.organisation) for conflict in assessor.conflicts.all())
    return {"conflicts": audit.Shown(_("conflicts of interest"), names)}


@transaction.atomic
def update_assessor(
    *,
    person: User,
    disciplines: list[str],
    works_in_welsh: bool,
    is_active: bool = True,
    by: User | None = None,
) -> Assessor:
    """Add `person` to the assessor pool or change their entry; `by` is who did it."""
    saved = Assessor.objects.filter(person=person).first()
    before = audit.snapshot(saved, ASSESSOR_FIELDS) if saved else {}
    assessor, _created = Assessor.objects.update_or_create(
        person=person,
        defaults={
            "disciplines": sorted(set(disciplines)),
            "works_in_welsh": works_in_welsh,
            "is_active": is_active,
        },
    )
    audit.record(
        by=by,
        action="standards.update_assessor",
        target=assessor,
        title=_("Assessor details changed"),
        before=before,
        after=audit.snapshot(assessor, ASSESSOR_FIELDS),
    )
    return assessor


@transaction.atomic
def declare_conflict(
    *, assessor: Assessor, organisation, reason: str, by: User | None = None
) -> ConflictOfInterest:
    before = _conflicts_shown(assessor)
    conflict, _created = ConflictOfInterest.objects.update_or_create(
        assessor=assessor, organisation=organisation, defaults={"reason": reason.strip()}
    )
    audit.record(
        by=by,
        action="standards.declare_conflict",
        target=assessor,
        title=_("Conflict of interest declared"),
        before=before,
        after={**_conflicts_shown(assessor), **audit.snapshot(conflict, ["reason"])},
    )
    return conflict


@transaction.atomic
def update_assessor_profile(
    *,
    assessor: Assessor,
    disciplines: list[str],
    works_in_welsh: bool,
    conflicts: list,
    by: User | None = None,
) -> Assessor:
    """What an assessor says about themselves; conflicts not listed any more are removed."""
    before = {**audit.snapshot(assessor, ASSESSOR_FIELDS), **_conflicts_shown(assessor)}
    assessor.disciplines = sorted(set(disciplines))
    assessor.works_in_welsh = works_in_welsh
    assessor.save(update_fields=["disciplines", "works_in_welsh"])
    assessor.conflicts.exclude(organisation__in=conflicts).delete()
    for organisation in conflicts:
        ConflictOfInterest.objects.get_or_create(assessor=assessor, organisation=organisation)
    audit.record(
        by=by,
        action="standards.update_assessor_profile",
        target=assessor,
        title=_("Assessor profile changed"),
        before=before,
        after={**audit.snapshot(assessor, ASSESSOR_FIELDS), **_conflicts_shown(assessor)},
    )
    return assessor
