"""The standards' success measures (ADR 0038): found by the measures app, never imported by it.

Counted at a date from when each self-assessment was started and submitted, and from the date
of each review, so the history can be recomputed.
"""

import datetime

from django.db.models import Count, Q

from porth.core.measures import Direction, Measure, Part, Reading, Scope, Unit, end_of

from .models import RAG, Review, ReviewStatus, SelfAssessment, StandardOutcome


def _started(on: datetime.date, scope: Scope) -> Reading:
    started = scope.narrow(
        SelfAssessment.objects.filter(started_at__lte=end_of(on)), "service__organisation"
    )
    return Reading(value=started.count())


def _completed(on: datetime.date, scope: Scope) -> Reading:
    started = scope.narrow(
        SelfAssessment.objects.filter(started_at__lte=end_of(on)), "service__organisation"
    )
    completed = started.filter(submitted_at__lte=end_of(on)).count()
    return Reading(value=completed, counted=completed, total=started.count())


def _reviews(on: datetime.date, scope: Scope) -> Reading:
    held = Review.objects.filter(review_date__lte=on).exclude(
        status__in=[ReviewStatus.REQUESTED, ReviewStatus.TRIAGED]
    )
    return Reading(value=scope.narrow(held, "service__organisation").count())


def _standards_met(on: datetime.date, scope: Scope) -> Reading:
    """Of the findings in reviews published by `on`, the share rated green; and by standard."""
    findings = scope.narrow(
        StandardOutcome.objects.filter(
            review__status=ReviewStatus.PUBLISHED, review__published_at__lte=end_of(on)
        ),
        "review__service__organisation",
    )
    by_standard = (
        findings.order_by()
        .values("standard__number", "standard__name_en", "standard__name_cy")
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(rating=RAG.GREEN)))
        .order_by("standard__number")
    )
    parts = []
    met_all = total_all = 0
    for row in by_standard:
        met_all += row["met"]
        total_all += row["total"]
        number = row["standard__number"]
        parts.append(
            Part(
                key=str(number),
                label_en=f"{number}. {row['standard__name_en']}",
                label_cy=f"{number}. {row['standard__name_cy']}",
                value=round(100 * row["met"] / row["total"], 1),
                counted=row["met"],
                total=row["total"],
            )
        )
    value = round(100 * met_all / total_all, 1) if total_all else None
    return Reading(value=value, counted=met_all, total=total_all, parts=tuple(parts))


MEASURES = [
    Measure(
        key="standards.self_assessments_started",
        source="standards",
        name_en="Self-assessments started",
        name_cy="Hunanasesiadau a ddechreuwyd",
        definition_en="Self-assessments against the standards that teams had started by the date.",
        definition_cy=(
            "Hunanasesiadau yn erbyn y safonau yr oedd timau wedi'u dechrau erbyn y dyddiad."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_started,
        order=50,
    ),
    Measure(
        key="standards.self_assessments_completed",
        source="standards",
        name_en="Self-assessments completed",
        name_cy="Hunanasesiadau a gwblhawyd",
        definition_en="Self-assessments that teams had submitted by the date.",
        definition_cy="Hunanasesiadau yr oedd timau wedi'u cyflwyno erbyn y dyddiad.",
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_completed,
        coverage_en="{counted} of {total} started",
        coverage_cy="{counted} o {total} a ddechreuwyd",
        order=51,
    ),
    Measure(
        key="standards.reviews_held",
        source="standards",
        name_en="Reviews held",
        name_cy="Adolygiadau a gynhaliwyd",
        definition_en="Peer reviews against the standards held on or before the date.",
        definition_cy=(
            "Adolygiadau gan gymheiriaid yn erbyn y safonau a gynhaliwyd ar y dyddiad neu cyn "
            "hynny."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_reviews,
        order=52,
    ),
    Measure(
        key="standards.standards_met",
        source="standards",
        name_en="Standards met in reviews",
        name_cy="Safonau a fodlonwyd mewn adolygiadau",
        definition_en=(
            "Of the findings on each standard in reviews published by the date, the share "
            "rated green. The table gives the share for each standard."
        ),
        definition_cy=(
            "O'r canfyddiadau ar bob safon mewn adolygiadau a gyhoeddwyd erbyn y dyddiad, y "
            "gyfran a gafodd sgôr werdd. Mae'r tabl yn rhoi'r gyfran ar gyfer pob safon."
        ),
        unit=Unit.PERCENT,
        direction=Direction.UP,
        public=True,
        compute=_standards_met,
        coverage_en="{counted} of {total} findings green",
        coverage_cy="{counted} o {total} canfyddiad yn wyrdd",
        order=53,
    ),
]
