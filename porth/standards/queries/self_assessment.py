"""Reads of self-assessments: the task list, the leaders' summary and the trend over time."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from porth.core.permissions import can_edit
from porth.register.models import Service

from ..models import (
    RATING_SCORES,
    Action,
    Answer,
    Criterion,
    Rating,
    SelfAssessment,
    SelfAssessmentStatus,
    Standard,
    overall_rating,
)


class TaskStatus:
    """The GOV.UK task list's statuses for one standard."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass
class StandardProgress:
    """One standard of a self-assessment: its checklist, the answers so far and its actions."""

    standard: Standard
    criteria: list[Criterion]
    answers: dict[int, Answer]
    actions: list[Action] = field(default_factory=list)

    @property
    def ratings(self) -> list[str]:
        return [self.answers[c.pk].rating if c.pk in self.answers else "" for c in self.criteria]

    @property
    def answered_count(self) -> int:
        return sum(1 for rating in self.ratings if rating)

    @property
    def status(self) -> str:
        if self.criteria and self.answered_count == len(self.criteria):
            return TaskStatus.COMPLETED
        if self.answered_count or self.answers:
            return TaskStatus.IN_PROGRESS
        return TaskStatus.NOT_STARTED

    @property
    def rating(self) -> str | None:
        return overall_rating(self.ratings) if self.criteria else None

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(rating for rating in self.ratings if rating)
        return {value: counted.get(value, 0) for value in Rating.values}

    @property
    def open_actions(self) -> list[Action]:
        return [action for action in self.actions if not action.is_done]


def self_assessment_progress(self_assessment: SelfAssessment) -> list[StandardProgress]:
    """Every standard of the version the team used, with its checklist for the phase.

    Four queries whatever the size, and the names come from the self-assessment's own version,
    so a new version of the standards never changes what an old self-assessment says.
    """
    standards = list(
        self_assessment.standard_set.standards.select_related("group").order_by("number")
    )
    criteria: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in Criterion.objects.filter(
        standard__standard_set=self_assessment.standard_set, phase=self_assessment.phase
    ).order_by("order", "pk"):
        criteria[criterion.standard_id].append(criterion)
    answers = {answer.criterion_id: answer for answer in self_assessment.answers.all()}
    actions: dict[int, list[Action]] = defaultdict(list)
    for action in self_assessment.actions.order_by("is_done", "due_on", "pk"):
        actions[action.standard_id].append(action)
    return [
        StandardProgress(
            standard=standard,
            criteria=criteria[standard.pk],
            answers={c.pk: answers[c.pk] for c in criteria[standard.pk] if c.pk in answers},
            actions=actions[standard.pk],
        )
        for standard in standards
    ]


def progress_for_standard(self_assessment: SelfAssessment, number: int) -> StandardProgress | None:
    return next(
        (p for p in self_assessment_progress(self_assessment) if p.standard.number == number),
        None,
    )


def rating_totals(progress: list[StandardProgress]) -> dict[str, int]:
    """How many standards have each overall rating, and how many are not finished."""
    counted = Counter(item.rating or "unfinished" for item in progress)
    return {value: counted.get(value, 0) for value in [*Rating.values, "unfinished"]}


def open_actions(self_assessment: SelfAssessment) -> QuerySet[Action]:
    return self_assessment.actions.filter(is_done=False).select_related("standard")


def visible_self_assessments(service, user) -> QuerySet[SelfAssessment]:
    """The service's self-assessments this person may see, newest first."""
    return (
        SelfAssessment.objects.visible_to(user)
        .filter(service=service)
        .select_related("standard_set", "started_by", "submitted_by")
        .order_by("-started_at", "-pk")
    )


@dataclass
class TrendRow:
    number: int
    name: str
    ratings: list[str | None]

    @property
    def change(self) -> str | None:
        """better, worse or same between the last two self-assessments that rated it."""
        scored = [RATING_SCORES.get(rating) for rating in self.ratings]
        scored = [score for score in scored if score is not None]
        if len(scored) < 2:
            return None
        if scored[-1] > scored[-2]:
            return "better"
        if scored[-1] < scored[-2]:
            return "worse"
        return "same"

    @property
    def cells(self) -> list[str]:
        return [Rating(rating).label if rating else "" for rating in self.ratings]


def ratings_by_standard(
    self_assessments: list[SelfAssessment],
) -> dict[int, dict[int, str | None]]:
    """Each self-assessment's overall rating per standard number, in two queries for all."""
    if not self_assessments:
        return {}
    criteria: dict[tuple[int, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, number, set_id, phase in Criterion.objects.filter(
        standard__standard_set__in={sa.standard_set_id for sa in self_assessments},
        phase__in={sa.phase for sa in self_assessments},
    ).values_list("pk", "standard__number", "standard__standard_set", "phase"):
        criteria[(set_id, phase)][number].append(pk)
    answers: dict[int, dict[int, str]] = defaultdict(dict)
    for sa_id, criterion_id, rating in Answer.objects.filter(
        self_assessment__in=self_assessments
    ).values_list("self_assessment", "criterion", "rating"):
        answers[sa_id][criterion_id] = rating
    return {
        sa.pk: {
            number: overall_rating(answers[sa.pk].get(pk, "") for pk in pks)
            for number, pks in criteria[(sa.standard_set_id, sa.phase)].items()
        }
        for sa in self_assessments
    }


def trend_by_standard(self_assessments: list[SelfAssessment]) -> list[TrendRow]:
    """Each standard's rating in each submitted self-assessment, oldest first.

    Standards are matched by number across versions; the row is named as in the newest one.
    """
    submitted = submitted_in_order(self_assessments)
    if not submitted:
        return []
    ratings = ratings_by_standard(submitted)
    names = {
        standard.number: standard.name
        for standard in Standard.objects.filter(standard_set=submitted[-1].standard_set_id)
    }
    return [
        TrendRow(
            number=number,
            name=names[number],
            ratings=[ratings[sa.pk].get(number) for sa in submitted],
        )
        for number in sorted(names)
    ]


def submitted_in_order(self_assessments: list[SelfAssessment]) -> list[SelfAssessment]:
    """Only submitted ones make a trend: drafts are unfinished."""
    return sorted(
        (sa for sa in self_assessments if sa.status == SelfAssessmentStatus.SUBMITTED),
        key=lambda sa: sa.submitted_at,
    )


def services_with_self_assessments(user) -> list[dict[str, Any]]:
    """The services of the person's organisations, each with its latest self-assessment."""
    services = (
        Service.objects.current()
        .filter(organisation__memberships__person=user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "self_assessments",
                queryset=SelfAssessment.objects.order_by("-started_at", "-pk"),
            )
        )
        .order_by("organisation__name_en", "name_en")
        .distinct()
    )
    return [
        {
            "service": service,
            "latest": next(iter(service.self_assessments.all()), None),
            "can_edit": can_edit(user, service.organisation),
        }
        for service in services
    ]
