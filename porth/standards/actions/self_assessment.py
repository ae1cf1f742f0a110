"""Writes for self-assessments: starting, answering, actions, submitting and publishing."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import (
    Action,
    Answer,
    Criterion,
    Phase,
    SelfAssessment,
    SelfAssessmentStatus,
    Standard,
    StandardSet,
)


class NoCurrentStandards(Exception):
    """The standards have not been loaded, so there is nothing to assess against."""


class SelfAssessmentNotDraft(Exception):
    """A submitted self-assessment is a record: its answers no longer change."""


class SelfAssessmentIncomplete(Exception):
    """Some criteria have no rating yet; `standard_numbers` says which standards they are in."""

    def __init__(self, standard_numbers: list[int]):
        super().__init__(standard_numbers)
        self.standard_numbers = standard_numbers


class SelfAssessmentNotSubmitted(Exception):
    """Only a submitted self-assessment can be published: drafts stay inside the body."""


@dataclass(frozen=True)
class AnswerInput:
    criterion: Criterion
    rating: str
    evidence: str
    links: str


@transaction.atomic
def start_self_assessment(*, service, phase: Phase | str, person) -> SelfAssessment:
    """A draft against the current version of the standards, which it keeps for good."""
    standard_set = StandardSet.objects.filter(is_current=True).first()
    if standard_set is None:
        raise NoCurrentStandards
    return SelfAssessment.objects.create(
        service=service, phase=phase, standard_set=standard_set, started_by=person
    )


def _check_criteria(self_assessment: SelfAssessment, criteria: list[Criterion]) -> None:
    for criterion in criteria:
        if (
            criterion.standard.standard_set_id != self_assessment.standard_set_id
            or criterion.phase != self_assessment.phase
        ):
            raise ValueError(f"Criterion {criterion.pk} is not part of this self-assessment")


@transaction.atomic
def save_answers(*, self_assessment: SelfAssessment, answers: list[AnswerInput]) -> None:
    """Keep what the team has written so far; an answer left wholly empty is removed.

    Partial answers are fine: teams save and come back, and only submitting needs a rating for
    every criterion.
    """
    self_assessment = SelfAssessment.objects.select_for_update().get(pk=self_assessment.pk)
    if not self_assessment.is_draft:
        raise SelfAssessmentNotDraft
    _check_criteria(self_assessment, [answer.criterion for answer in answers])
    for answer in answers:
        values = {
            "rating": answer.rating,
            "evidence": answer.evidence.strip(),
            "links": "\n".join(line.strip() for line in answer.links.splitlines() if line.strip()),
        }
        if not any(values.values()):
            Answer.objects.filter(
                self_assessment=self_assessment, criterion=answer.criterion
            ).delete()
            continue
        Answer.objects.update_or_create(
            self_assessment=self_assessment, criterion=answer.criterion, defaults=values
        )
    self_assessment.save(update_fields=["updated_at"])


def add_action(
    *,
    self_assessment: SelfAssessment,
    standard: Standard,
    description: str,
    owner: str,
    due_on: date,
) -> Action:
    """Actions can be added after submitting too: following them up is the point."""
    if standard.standard_set_id != self_assessment.standard_set_id:
        raise ValueError("The standard is from a different version")
    return Action.objects.create(
        self_assessment=self_assessment,
        standard=standard,
        description=description.strip(),
        owner=owner.strip(),
        due_on=due_on,
    )


def set_action_done(*, action: Action, is_done: bool) -> Action:
    action.is_done = is_done
    action.done_at = timezone.now() if is_done else None
    action.save(update_fields=["is_done", "done_at"])
    return action


@transaction.atomic
def submit_self_assessment(*, self_assessment: SelfAssessment, person) -> SelfAssessment:
    """Freeze the answers; refused while any criterion of the phase has no rating."""
    self_assessment = SelfAssessment.objects.select_for_update().get(pk=self_assessment.pk)
    if not self_assessment.is_draft:
        raise SelfAssessmentNotDraft
    rated = Answer.objects.filter(self_assessment=self_assessment).exclude(rating="")
    unanswered = (
        Criterion.objects.filter(
            standard__standard_set=self_assessment.standard_set, phase=self_assessment.phase
        )
        .exclude(pk__in=rated.values("criterion_id"))
        .values_list("standard__number", flat=True)
    )
    if unanswered:
        raise SelfAssessmentIncomplete(sorted(set(unanswered)))
    self_assessment.status = SelfAssessmentStatus.SUBMITTED
    self_assessment.submitted_at = timezone.now()
    self_assessment.submitted_by = person
    self_assessment.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return self_assessment


def set_self_assessment_published(
    *, self_assessment: SelfAssessment, is_published: bool
) -> SelfAssessment:
    """The body decides whether anyone outside it and the centre may read it."""
    if self_assessment.is_draft:
        raise SelfAssessmentNotSubmitted
    self_assessment.is_published = is_published
    self_assessment.save(update_fields=["is_published", "updated_at"])
    return self_assessment
