"""Reads for the dashboards: one body's services, and the picture across Wales."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from porth.organisations.models import OrganisationType
from porth.register.models import Service

from ..models import (
    RAG,
    Action,
    Recommendation,
    Review,
    SelfAssessment,
    SelfAssessmentStatus,
    Standard,
    StandardOutcome,
)
from .review import SENT_TO_THE_TEAM, THE_PUBLIC, as_year, reports_visible_to
from .self_assessment import ratings_by_standard

STANDARD_NUMBERS = range(1, 13)


@dataclass
class ServiceRow:
    service: Any
    self_assessment: SelfAssessment | None = None
    self_assessment_ratings: list[str | None] = field(default_factory=list)
    review: Review | None = None
    review_ratings: list[str | None] = field(default_factory=list)
    open_actions: int = 0
    open_recommendations: int = 0


def organisation_dashboard(organisation, user) -> list[ServiceRow]:
    """Each current service: its latest submitted self-assessment and review, per standard,
    and what is still open. Reviews and recommendations are those the person may read
    (`reports_visible_to`): a member who is not an editor sees only published reports. A
    fixed number of queries however many services the body has."""
    services = list(Service.objects.current().filter(organisation=organisation).order_by("name_en"))
    latest_sa: dict[int, SelfAssessment] = {}
    for sa in SelfAssessment.objects.filter(
        service__in=services, status=SelfAssessmentStatus.SUBMITTED
    ).order_by("service", "-submitted_at"):
        latest_sa.setdefault(sa.service_id, sa)
    sa_ratings = ratings_by_standard(list(latest_sa.values()))
    latest_review: dict[int, Review] = {}
    visible = reports_visible_to(user).filter(status__in=SENT_TO_THE_TEAM)
    for review in visible.filter(service__in=services).order_by("service", "-reported_at"):
        latest_review.setdefault(review.service_id, review)
    outcomes: dict[int, dict[int, str]] = defaultdict(dict)
    for review_id, number, rating in StandardOutcome.objects.filter(
        review__in=latest_review.values()
    ).values_list("review", "standard__number", "rating"):
        outcomes[review_id][number] = rating
    actions = Counter(
        Action.objects.filter(self_assessment__service__in=services, is_done=False).values_list(
            "self_assessment__service", flat=True
        )
    )
    recommendations = Counter(
        Recommendation.objects.filter(
            review__in=visible, review__service__in=services, is_done=False
        ).values_list("review__service", flat=True)
    )
    rows = []
    for service in services:
        sa, review = latest_sa.get(service.pk), latest_review.get(service.pk)
        rows.append(
            ServiceRow(
                service=service,
                self_assessment=sa,
                self_assessment_ratings=[
                    sa_ratings.get(sa.pk, {}).get(n) if sa else None for n in STANDARD_NUMBERS
                ],
                review=review,
                review_ratings=[
                    outcomes[review.pk].get(n) if review else None for n in STANDARD_NUMBERS
                ],
                open_actions=actions.get(service.pk, 0),
                open_recommendations=recommendations.get(service.pk, 0),
            )
        )
    return rows


def statistics_filters(params) -> dict[str, Any]:
    """`body_type` and `year` from a query string; a value that makes no sense is None."""
    body_type, year = params.get("body_type", ""), params.get("year", "")
    return {
        "body_type": body_type if body_type in OrganisationType.values else None,
        "year": as_year(year),
    }


def wales_statistics(*, body_type: str | None = None, year: int | None = None) -> dict[str, Any]:
    """Counts across Wales: services self-assessed and reviewed, review outcomes per standard,
    and recommendations closed. Only counts are public, never a private self-assessment."""
    services = Service.objects.current()
    published = reports_visible_to(THE_PUBLIC)
    reviews = published
    if body_type:
        services = services.filter(organisation__type=body_type)
        reviews = reviews.filter(service__organisation__type=body_type)
    if year:
        reviews = reviews.filter(published_at__year=year)
    totals = services.aggregate(
        services=Count("pk", distinct=True),
        self_assessed=Count(
            "pk", filter=Q(self_assessments__status=SelfAssessmentStatus.SUBMITTED), distinct=True
        ),
        reviewed=Count("pk", filter=Q(reviews__in=published), distinct=True),
    )
    per_standard: dict[int, dict[str, int]] = {
        n: dict.fromkeys(RAG.values, 0) for n in STANDARD_NUMBERS
    }
    for number, rating, count in (
        StandardOutcome.objects.filter(review__in=reviews)
        .values_list("standard__number", "rating")
        .annotate(count=Count("pk"))
    ):
        per_standard.setdefault(number, dict.fromkeys(RAG.values, 0))[rating] = count
    recommendations = Recommendation.objects.filter(review__in=reviews).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(is_done=True))
    )
    standards = {
        standard.number: standard
        for standard in Standard.objects.filter(standard_set__is_current=True)
    }
    return {
        **totals,
        "reports": reviews.count(),
        "standard_rows": [
            (number, standards[number].name if number in standards else "", per_standard[number])
            for number in sorted(per_standard)
        ],
        # The current version's standards by number, for the open data's names in both languages.
        "standards": standards,
        "per_standard": per_standard,
        "recommendations": recommendations,
    }
