"""Reads of peer reviews: the request's timeline, the published reports and the panel's choices."""

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.accounts.models import Membership
from porth.core.permissions import Role, is_centre_staff
from porth.organisations.models import Organisation, OrganisationType

from ..models import (
    RAG,
    Assessor,
    ConflictOfInterest,
    PanelMember,
    Phase,
    Recommendation,
    Review,
    ReviewStatus,
    SelfAssessment,
    StandardOutcome,
)
from ..working_days import working_days_between
from .standards import current_standard_set

# --- Who sees a report ------------------------------------------------------------------------

# Reports the team has been sent: the team answers them, so its editors read them before they
# are published; while the panel is (re)writing one, only the panel does.
SENT_TO_THE_TEAM = (ReviewStatus.REPORTED, ReviewStatus.CHALLENGED, ReviewStatus.PUBLISHED)

# Open data, the public list and the statistics show what anyone may see, whoever asks.
THE_PUBLIC = AnonymousUser()


def reports_visible_to(user) -> QuerySet[Review]:
    """Reviews whose report (outcomes, summary, recommendations) the person may read.

    The one rule every page and the API use (docs/adr/0021-review-conflicts-and-visibility.md):
    a published report, anyone; a report sent to the team and not yet published, the
    reviewed body's editors and admins (who accept or challenge it) and centre staff; the
    panel, its own report at every step. Members who are not editors wait for publication,
    like the public. One query when evaluated, whatever the user.
    """
    visible = Q(status=ReviewStatus.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(pk__in=PanelMember.objects.filter(assessor__person=user).values("review"))
        if is_centre_staff(user):
            visible |= Q(status__in=SENT_TO_THE_TEAM)
        else:
            editing = Membership.objects.filter(person=user, role__gte=Role.EDITOR)
            visible |= Q(
                status__in=SENT_TO_THE_TEAM,
                service__organisation__in=editing.values("organisation"),
            )
    return Review.objects.filter(visible)


def can_see_report(user, review: Review) -> bool:
    """Whether the person may read this review's report: `reports_visible_to`, for one."""
    if review.status == ReviewStatus.PUBLISHED:
        return True
    return reports_visible_to(user).filter(pk=review.pk).exists()


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
    """Recommendations of reports sent to the team that the person may read (a panel's draft
    recommendations stay on the review page until the report is sent)."""
    return Recommendation.objects.filter(
        review__in=reports_visible_to(user).filter(status__in=SENT_TO_THE_TEAM)
    )


@dataclass(frozen=True)
class TimelineEvent:
    label: str
    when: datetime.datetime | datetime.date


def review_timeline(review: Review) -> list[TimelineEvent]:
    """What has happened so far, in order; steps not reached yet are left out."""
    steps = [
        (_("Review requested"), review.requested_at),
        (_("Request triaged"), review.triaged_at),
        (_("Panel assigned"), review.panel_assigned_at),
        (_("Review held"), review.review_date if review.panel_assigned_at else None),
        (_("Report sent to the team"), review.reported_at),
        (
            _("Team challenged the report")
            if review.challenge_reason
            else _("Team accepted the report"),
            review.responded_at,
        ),
        (_("Report published"), review.published_at),
    ]
    return [TimelineEvent(label=label, when=when) for label, when in steps if when]


def working_days_so_far(
    review: Review, today: datetime.date | None = None
) -> dict[str, int | None]:
    """Working days since the request and since the review itself (None before it is held)."""
    today = today or timezone.localdate()
    requested = timezone.localtime(review.requested_at).date()
    held = review.review_date if review.review_date and review.review_date <= today else None
    return {
        "since_request": working_days_between(requested, today),
        "since_review": working_days_between(held, today) if held else None,
    }


def review_outcomes(review: Review) -> list[StandardOutcome]:
    return list(review.outcomes.select_related("standard"))


def panel_progress(review: Review) -> list[dict[str, Any]]:
    """Each standard of the review's version with the panel's outcome so far, if any."""
    outcomes = {outcome.standard_id: outcome for outcome in review_outcomes(review)}
    return [
        {"standard": standard, "outcome": outcomes.get(standard.pk)}
        for standard in review.standard_set.standards.order_by("number")
    ]


def as_year(text: str) -> int | None:
    """A year from a query string, or None: a huge number would overflow the database."""
    return int(text) if text.isdigit() and len(text) == 4 else None


@dataclass(frozen=True)
class ReportFilters:
    standard: int | None = None
    outcome: str | None = None
    phase: str | None = None
    body_type: str | None = None
    year: int | None = None
    query: str = ""

    @property
    def is_active(self) -> bool:
        return any((self.standard, self.outcome, self.phase, self.body_type, self.year, self.query))


def report_filters(params: QueryDict) -> ReportFilters:
    standard, year = params.get("standard", ""), params.get("year", "")
    return ReportFilters(
        standard=int(standard) if standard.isdigit() and len(standard) <= 3 else None,
        outcome=params.get("outcome") if params.get("outcome") in RAG.values else None,
        phase=params.get("phase") if params.get("phase") in Phase.values else None,
        body_type=params.get("body_type")
        if params.get("body_type") in OrganisationType.values
        else None,
        year=as_year(year),
        query=params.get("q", "").strip()[:100],
    )


def published_reports(filters: ReportFilters) -> QuerySet[Review]:
    """Published reports, newest first. With a standard, the outcome filter applies to it."""
    reports = reports_visible_to(THE_PUBLIC).select_related("service__organisation", "standard_set")
    if filters.standard and filters.outcome:
        reports = reports.filter(
            outcomes__standard__number=filters.standard, outcomes__rating=filters.outcome
        )
    elif filters.standard:
        reports = reports.filter(outcomes__standard__number=filters.standard)
    elif filters.outcome:
        reports = reports.filter(outcome=filters.outcome)
    if filters.phase:
        reports = reports.filter(phase=filters.phase)
    if filters.body_type:
        reports = reports.filter(service__organisation__type=filters.body_type)
    if filters.year:
        reports = reports.filter(published_at__year=filters.year)
    if filters.query:
        reports = reports.filter(
            Q(service__name_en__icontains=filters.query)
            | Q(service__name_cy__icontains=filters.query)
            | Q(service__public_id__iexact=filters.query)
            | Q(service__organisation__name_en__icontains=filters.query)
            | Q(service__organisation__name_cy__icontains=filters.query)
        )
    return reports.distinct().order_by("-published_at", "-pk")


def published_report_years() -> list[int]:
    years = reports_visible_to(THE_PUBLIC).dates("published_at", "year", order="DESC")
    return [day.year for day in years]


def report_filter_choices() -> dict[str, Any]:
    standard_set = current_standard_set()
    return {
        "standards": list(standard_set.standards.order_by("number")) if standard_set else [],
        "outcomes": RAG.choices,
        "phases": Phase.choices,
        "body_types": OrganisationType.choices,
        "years": published_report_years(),
    }


def review_queue() -> QuerySet[Review]:
    """Reviews the centre still has work on, oldest request first."""
    return (
        Review.objects.exclude(status=ReviewStatus.PUBLISHED)
        .select_related("service__organisation")
        .order_by("requested_at", "pk")
    )


class ConflictKind(StrEnum):
    """Why an assessor may not sit on a panel."""

    DECLARED = "declared"
    ROLE_IN_BODY = "role_in_body"
    ROLE_IN_PARTNER = "role_in_partner"
    WORKED_ON_SERVICE = "worked_on_service"


@dataclass(frozen=True)
class PanelConflict:
    """One reason an assessor may not review this service, in words for the centre's form."""

    kind: ConflictKind
    organisation: Organisation | None = None

    @property
    def reason(self) -> str:
        """Why, short, for the table of assessors."""
        name = str(self.organisation) if self.organisation else ""
        if self.kind == ConflictKind.DECLARED:
            return _("Declared a conflict of interest with %(organisation)s") % {
                "organisation": name
            }
        if self.kind == ConflictKind.ROLE_IN_BODY:
            return _("Has a role in %(organisation)s, whose service this is") % {
                "organisation": name
            }
        if self.kind == ConflictKind.ROLE_IN_PARTNER:
            return _("Has a role in %(organisation)s, a partner in this service") % {
                "organisation": name
            }
        return _("Has worked on this service for its team")


def panel_conflicts(review: Review, assessors=None) -> dict[int, PanelConflict]:
    """Assessors (by id) who may not sit on this review's panel, with the first reason found.

    Declared conflicts with the service's body or a partner; any role, now, in the body or a
    partner; and, because a membership leaves no trace once it ends, having asked for a review
    of this service or started or submitted one of its self-assessments. Six queries.
    """
    service = review.service
    partners = set(service.partner_organisations.values_list("pk", flat=True))
    bodies = {service.organisation_id, *partners}
    pool = (
        Assessor.objects.all()
        if assessors is None
        else Assessor.objects.filter(pk__in=[assessor.pk for assessor in assessors])
    )
    people = {assessor.person_id: assessor.pk for assessor in pool.only("pk", "person_id")}
    found: dict[int, PanelConflict] = {}
    roles = (
        Membership.objects.filter(person__in=list(people), organisation__in=bodies)
        .select_related("organisation")
        .order_by("organisation_id", "pk")
    )
    for membership in roles:
        kind = (
            ConflictKind.ROLE_IN_BODY
            if membership.organisation_id == service.organisation_id
            else ConflictKind.ROLE_IN_PARTNER
        )
        found.setdefault(people[membership.person_id], PanelConflict(kind, membership.organisation))
    worked = set(
        Review.objects.filter(service=service, requested_by__in=list(people)).values_list(
            "requested_by", flat=True
        )
    )
    for started_by, submitted_by in (
        SelfAssessment.objects.filter(service=service)
        .filter(Q(started_by__in=list(people)) | Q(submitted_by__in=list(people)))
        .values_list("started_by", "submitted_by")
    ):
        worked |= {started_by, submitted_by}
    for person_id in sorted(worked & people.keys()):
        found.setdefault(people[person_id], PanelConflict(ConflictKind.WORKED_ON_SERVICE))
    for conflict in ConflictOfInterest.objects.filter(
        assessor__in=list(people.values()), organisation_id__in=bodies
    ).select_related("organisation"):
        found.setdefault(
            conflict.assessor_id, PanelConflict(ConflictKind.DECLARED, conflict.organisation)
        )
    return found


def assessor_choices(review: Review) -> list[dict[str, Any]]:
    """Active assessors for the panel form, each with the reason they may not sit, if any."""
    conflicts = panel_conflicts(review)
    return [
        {
            "assessor": assessor,
            "is_conflicted": assessor.pk in conflicts,
            "conflict": conflicts.get(assessor.pk),
        }
        for assessor in Assessor.objects.filter(is_active=True).select_related("person")
    ]


def open_recommendations(service, user) -> QuerySet[Recommendation]:
    """What reports asked of the service and is not done yet, soonest due first: those the
    person may read (`recommendations_visible_to`)."""
    return (
        recommendations_visible_to(user)
        .filter(review__service=service, is_done=False)
        .select_related("standard", "review")
        .order_by("due_on", "pk")
    )


def was_ever_reviewed(service) -> bool:
    """Whether a review of the service was ever asked for, whatever came of it. Without one it
    has no report and no action from one, whoever asks. Most services never were, so their
    pages skip those two reads for this one cheap query (ADR 0074)."""
    return Review.objects.filter(service=service).exists()


def published_reports_of(service) -> QuerySet[Review]:
    """The service's published review reports, newest first."""
    return reports_visible_to(THE_PUBLIC).filter(service=service).order_by("-published_at", "-pk")


def reviews_for_person(user) -> dict[str, list[Review]]:
    """Reviews the person is on the panel of, and reviews of their organisations' services."""
    panel = Review.objects.filter(panel__assessor__person=user).select_related("service")
    team = Review.objects.filter(
        service__organisation__in=Organisation.objects.filter(memberships__person=user)
    ).select_related("service")
    return {"panel": list(panel.distinct()), "team": list(team.distinct())}


def report_records(reports: QuerySet[Review] | None = None) -> list[dict[str, Any]]:
    """Published reports as flat records for open data: codes, not labels, and both languages.

    One record per report, with the outcome for each standard as `standard_<n>`; the open data
    app turns these into its API and CSV. Three queries however many reports.
    """
    reports = (
        (reports if reports is not None else published_reports(ReportFilters()))
        .select_related("service__organisation", "standard_set")
        .prefetch_related("outcomes__standard", "recommendations")
    )
    records = []
    for review in reports:
        outcomes = {outcome.standard.number: outcome.rating for outcome in review.outcomes.all()}
        recommendations = list(review.recommendations.all())
        organisation = review.service.organisation
        records.append(
            {
                "id": review.pk,
                "service_id": review.service.public_id,
                "service_name_en": review.service.name_en,
                "service_name_cy": review.service.name_cy,
                "organisation_slug": organisation.slug,
                "organisation_name_en": organisation.name_en,
                "organisation_name_cy": organisation.name_cy,
                "organisation_gss_code": organisation.gss_code,
                "organisation_type": organisation.type,
                "phase": review.phase,
                "review_type": review.review_type,
                "review_date": review.review_date,
                "published_on": timezone.localtime(review.published_at).date(),
                "standards_version": review.standard_set.version,
                "outcome": review.outcome,
                **{f"standard_{number}": outcomes.get(number, "") for number in range(1, 13)},
                "summary_en": review.summary_en,
                "summary_cy": review.summary_cy,
                "recommendations": len(recommendations),
                "recommendations_done": sum(r.is_done for r in recommendations),
            }
        )
    return records
