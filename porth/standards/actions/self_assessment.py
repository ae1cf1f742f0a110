"""Writes for self-assessments: starting, answering, actions, submitting and publishing."""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from porth.core import audit
from porth.core.edits import Difference, StaleEdit, create_once
from porth.core.language import localised

from ..models import (
    Action,
    Answer,
    Criterion,
    Phase,
    Rating,
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


def start_self_assessment(
    *, service, phase: Phase | str, person, creation_token: uuid.UUID | None = None
) -> SelfAssessment:
    """A draft against the current version of the standards, which it keeps for good.

    A service has one draft at a time (a database constraint says so): if it has one
    already, that draft is returned rather than a second made. With a `creation_token`, a
    repeated submit of the same form returns what the first one started.
    """

    def start() -> SelfAssessment:
        draft = _open_draft(service)
        if draft is not None:
            return draft
        standard_set = StandardSet.objects.filter(is_current=True).first()
        if standard_set is None:
            raise NoCurrentStandards
        self_assessment = SelfAssessment.objects.create(
            service=service,
            phase=phase,
            standard_set=standard_set,
            started_by=person,
            creation_token=creation_token,
        )
        audit.record(
            by=person,
            action="standards.start_self_assessment",
            target=self_assessment,
            title=_("Self-assessment started"),
            after=audit.snapshot(self_assessment, ["phase", "status"]),
            organisation=service.organisation,
        )
        return self_assessment

    try:
        return create_once(SelfAssessment, creation_token, start)
    except IntegrityError:
        # Another request started the service's draft a moment ago, with another token.
        draft = _open_draft(service)
        if draft is None:
            raise
        return draft


def _open_draft(service) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(service=service, status=SelfAssessmentStatus.DRAFT).first()


ANSWER_FIELDS = ("rating", "evidence", "links")


def _answers_shown(self_assessment: SelfAssessment, criteria: list[Criterion]) -> dict:
    """The saved answers to `criteria`, labelled "Standard 3: <criterion> – rating"."""
    saved = {
        answer.criterion_id: answer
        for answer in Answer.objects.filter(self_assessment=self_assessment, criterion__in=criteria)
    }
    shown = {}
    for criterion in criteria:
        answer = saved.get(criterion.pk) or Answer(criterion=criterion)
        for key, (label, value) in audit.snapshot(answer, ANSWER_FIELDS).items():
            shown[f"{criterion.pk}:{key}"] = audit.Shown(
                lambda criterion=criterion, label=label: (
                    gettext("Standard %(number)s") % {"number": criterion.standard.number}
                    + f": {localised(criterion, 'text')[:80]} – {label}"
                ),
                value,
            )
    return shown


def _check_criteria(self_assessment: SelfAssessment, criteria: list[Criterion]) -> None:
    for criterion in criteria:
        if (
            criterion.standard.standard_set_id != self_assessment.standard_set_id
            or criterion.phase != self_assessment.phase
        ):
            raise ValueError(f"Criterion {criterion.pk} is not part of this self-assessment")


ANSWER_FIELD_LABELS = {
    "rating": _("Rating"),
    "evidence": _("Evidence"),
    "links": _("Links to evidence"),
}


def _answer_values(answer: AnswerInput) -> dict[str, str]:
    return {
        "rating": answer.rating,
        "evidence": answer.evidence.strip(),
        "links": "\n".join(line.strip() for line in answer.links.splitlines() if line.strip()),
    }


def _shown(field: str, value: str) -> str:
    return str(Rating(value).label) if field == "rating" and value else value


@transaction.atomic
def save_answers(
    *,
    self_assessment: SelfAssessment,
    answers: list[AnswerInput],
    version: int | None = None,
    by=None,
) -> SelfAssessment:
    """Keep what the team has written so far; an answer left wholly empty is removed.

    Partial answers are fine: teams save and come back, and only submitting needs a rating for
    every criterion. `version` is the self-assessment's version when the page was opened: if
    this page's answers have been saved since and these would overwrite any that differ,
    `StaleEdit` lists them and nothing is saved. Each save that changes something moves the
    version on.
    """
    self_assessment = SelfAssessment.objects.select_for_update().get(pk=self_assessment.pk)
    if not self_assessment.is_draft:
        raise SelfAssessmentNotDraft
    _check_criteria(self_assessment, [answer.criterion for answer in answers])
    criteria = [answer.criterion for answer in answers]
    before = _answers_shown(self_assessment, criteria)
    saved = {
        answer.criterion_id: answer
        for answer in Answer.objects.filter(
            self_assessment=self_assessment, criterion__in=[a.criterion for a in answers]
        )
    }
    empty = {"rating": "", "evidence": "", "links": ""}
    changes = []
    for answer in answers:
        current = saved.get(answer.criterion.pk)
        theirs = {name: getattr(current, name) for name in empty} if current else empty
        yours = _answer_values(answer)
        changes.extend(
            (answer, name, theirs[name], yours[name])
            for name in empty
            if theirs[name] != yours[name]
        )
    pages = {str(answer.criterion.standard.number) for answer in answers}
    last_changed = max((self_assessment.page_versions.get(page, 0) for page in pages), default=0)
    if version is not None and last_changed > version and changes:
        raise StaleEdit(
            version=self_assessment.version,
            differences=[
                Difference(
                    f"{answer.criterion.text} – {ANSWER_FIELD_LABELS[name]}",
                    _shown(name, theirs),
                    _shown(name, yours),
                )
                for answer, name, theirs, yours in changes
            ],
        )
    for answer in dict.fromkeys(answer for answer, *_rest in changes):
        values = _answer_values(answer)
        if not any(values.values()):
            Answer.objects.filter(
                self_assessment=self_assessment, criterion=answer.criterion
            ).delete()
            continue
        Answer.objects.update_or_create(
            self_assessment=self_assessment, criterion=answer.criterion, defaults=values
        )
    if changes:
        self_assessment.version += 1
        for page in pages:
            self_assessment.page_versions[page] = self_assessment.version
    self_assessment.save(update_fields=["updated_at", "version", "page_versions"])
    audit.record(
        by=by,
        action="standards.save_answers",
        target=self_assessment,
        title=_("Answers saved"),
        before=before,
        after=_answers_shown(self_assessment, criteria),
        organisation=self_assessment.service.organisation,
    )
    return self_assessment


ACTION_FIELDS = ("standard", "description", "owner", "due_on", "is_done")


@transaction.atomic
def add_action(
    *,
    self_assessment: SelfAssessment,
    standard: Standard,
    description: str,
    owner: str,
    due_on: date,
    by=None,
    creation_token: uuid.UUID | None = None,
) -> Action:
    """Actions can be added after submitting too: following them up is the point.

    With a `creation_token`, submitting the same form again returns the action it added.
    """
    if standard.standard_set_id != self_assessment.standard_set_id:
        raise ValueError("The standard is from a different version")

    def add() -> Action:
        action = Action.objects.create(
            self_assessment=self_assessment,
            standard=standard,
            description=description.strip(),
            owner=owner.strip(),
            due_on=due_on,
            creation_token=creation_token,
        )
        audit.record(
            by=by,
            action="standards.add_action",
            target=self_assessment,
            title=_("Action added"),
            after=audit.snapshot(action, ACTION_FIELDS),
            organisation=self_assessment.service.organisation,
        )
        return action

    return create_once(Action, creation_token, add)


@transaction.atomic
def set_action_done(*, action: Action, is_done: bool, by=None) -> Action:
    before = audit.snapshot(action, ["description", "is_done"])
    action.is_done = is_done
    action.done_at = timezone.now() if is_done else None
    action.save(update_fields=["is_done", "done_at"])
    audit.record(
        by=by,
        action="standards.set_action_done",
        target=action.self_assessment,
        title=_("Action marked as done") if is_done else _("Action marked as not done"),
        before=before,
        after=audit.snapshot(action, ["description", "is_done"]),
        organisation=action.self_assessment.service.organisation,
    )
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
    audit.record(
        by=person,
        action="standards.submit_self_assessment",
        target=self_assessment,
        title=_("Self-assessment submitted"),
        before={"status": audit.Shown(_("status"), SelfAssessmentStatus.DRAFT.label)},
        after=audit.snapshot(self_assessment, ["status"]),
        organisation=self_assessment.service.organisation,
    )
    return self_assessment


@transaction.atomic
def set_self_assessment_published(
    *, self_assessment: SelfAssessment, is_published: bool, by=None
) -> SelfAssessment:
    """The body decides whether anyone outside it and the centre may read it."""
    if self_assessment.is_draft:
        raise SelfAssessmentNotSubmitted
    before = audit.snapshot(self_assessment, ["is_published"])
    self_assessment.is_published = is_published
    self_assessment.save(update_fields=["is_published", "updated_at"])
    audit.record(
        by=by,
        action="standards.set_self_assessment_published",
        target=self_assessment,
        title=_("Self-assessment published") if is_published else _("Self-assessment unpublished"),
        before=before,
        after=audit.snapshot(self_assessment, ["is_published"]),
        organisation=self_assessment.service.organisation,
    )
    return self_assessment
