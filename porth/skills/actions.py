"""Writes of the skills app. Every write is audited; a skills assessment's audit entry says
that it was saved, never what the person answered (their answers are private to them)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core import audit
from porth.organisations import actions as organisation_actions
from porth.organisations.models import Organisation

from .framework import CURRENT_VERSION, current, framework
from .models import (
    CapabilityAssessment,
    CapabilityRating,
    OrganisationRequest,
    OrganisationRequestStatus,
    SkillRating,
    SkillsAssessment,
)


class UnknownContext(Exception):
    """The context is not in the framework."""


class AssessmentInProgress(Exception):
    """The person has an unfinished assessment; they finish or delete it before starting another."""

    def __init__(self, assessment: SkillsAssessment):
        self.assessment = assessment
        super().__init__(f"Assessment {assessment.pk} is not finished")


class AssessmentFinished(Exception):
    """A finished assessment is a record of that day; a repeat is a new assessment."""


class NotYours(Exception):
    """Only the person who made an assessment may change or delete it."""


class RatingsInvalid(Exception):
    """Some ratings name a skill the context does not ask about or a level out of range."""


class RatingsMissing(Exception):
    """An assessment is finished only when every skill in its context is rated."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(", ".join(missing))


class RequestAlreadyReviewed(Exception):
    """Centre staff have already added or declined this organisation."""


class CapabilityYearClosed(Exception):
    """Only this year's capability self-assessment may be filled in or changed."""


class CapabilityIncomplete(Exception):
    """Every area needs a level and evidence."""


def _check_owner(assessment: SkillsAssessment, person) -> None:
    if assessment.person_id != person.pk:
        raise NotYours


@transaction.atomic
def start_skills_assessment(*, person, context: str) -> SkillsAssessment:
    """Start a self-assessment in a context of the current framework."""
    if context not in current().contexts:
        raise UnknownContext(context)
    unfinished = SkillsAssessment.objects.filter(person=person, completed_at__isnull=True).first()
    if unfinished is not None:
        raise AssessmentInProgress(unfinished)
    try:
        with transaction.atomic():
            assessment = SkillsAssessment.objects.create(
                person=person, context=context, framework_version=CURRENT_VERSION
            )
    except IntegrityError:
        # Two starts at once: the other one won; carry on with it.
        raise AssessmentInProgress(
            SkillsAssessment.objects.get(person=person, completed_at__isnull=True)
        ) from None
    audit.record(
        by=person,
        action="skills.start_skills_assessment",
        target=assessment,
        title=_("Skills self-assessment started"),
    )
    return assessment


@transaction.atomic
def save_skill_ratings(
    *, assessment: SkillsAssessment, ratings: Mapping[str, int | None], person, finish: bool
) -> SkillsAssessment:
    """Save the ratings given so far (None leaves a skill unrated); with `finish`, every skill
    in the context must be rated and the assessment is then finished."""
    assessment = SkillsAssessment.objects.select_for_update().get(pk=assessment.pk)
    _check_owner(assessment, person)
    if assessment.is_complete:
        raise AssessmentFinished
    version = framework(assessment.framework_version)
    wanted = [r.skill.code for r in version.contexts[assessment.context].requirements]
    if set(ratings) - set(wanted) or any(
        level is not None and not 0 <= level < len(version.levels) for level in ratings.values()
    ):
        raise RatingsInvalid
    given = {code: level for code, level in ratings.items() if level is not None}
    if finish:
        missing = [code for code in wanted if code not in given]
        if missing:
            raise RatingsMissing(missing)
    assessment.ratings.exclude(skill__in=given).delete()
    existing = {rating.skill: rating for rating in assessment.ratings.all()}
    for code, level in given.items():
        if code in existing:
            if existing[code].level != level:
                existing[code].level = level
                existing[code].save(update_fields=["level"])
        else:
            SkillRating.objects.create(assessment=assessment, skill=code, level=level)
    if finish:
        assessment.completed_at = timezone.now()
    assessment.save()
    audit.record(
        by=person,
        action="skills.save_skill_ratings",
        target=assessment,
        title=_("Skills self-assessment finished") if finish else _("Skills self-assessment saved"),
    )
    return assessment


@transaction.atomic
def delete_skills_assessment(*, assessment: SkillsAssessment, person) -> None:
    """Delete the assessment and its answers for good, as the person asked."""
    _check_owner(assessment, person)
    audit.record(
        by=person,
        action="skills.delete_skills_assessment",
        target=assessment,
        title=_("Skills self-assessment deleted"),
    )
    assessment.delete()


# --- Organisations not in the list ----------------------------------------------------------


@transaction.atomic
def request_organisation(*, person, name: str, website: str = "") -> OrganisationRequest:
    """Record the organisation a person works for that is not in the list, for centre staff."""
    request = OrganisationRequest.objects.create(
        person=person, name=name.strip(), website=website.strip()
    )
    audit.record(
        by=person,
        action="skills.request_organisation",
        target=request,
        title=_("Organisation not in the list named: %(name)s"),
        title_values={"name": request.name},
    )
    return request


def _review(request: OrganisationRequest, by, status: str, organisation=None) -> None:
    request.status = status
    request.organisation = organisation
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.save()


@transaction.atomic
def add_requested_organisation(
    *, request: OrganisationRequest, name_en: str, name_cy: str, type: str, website: str, by
) -> Organisation:
    """Add the named body to the list with its type (raises the organisations app's
    `OrganisationAlreadyListed` if a body of that name is there already)."""
    request = OrganisationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != OrganisationRequestStatus.WAITING:
        raise RequestAlreadyReviewed
    # The organisations app's own audit entry records the addition, naming the new body.
    organisation = organisation_actions.add_organisation(
        name_en=name_en, name_cy=name_cy, type=type, website=website, by=by
    )
    _review(request, by, OrganisationRequestStatus.ADDED, organisation)
    return organisation


@transaction.atomic
def decline_organisation_request(*, request: OrganisationRequest, by) -> OrganisationRequest:
    request = OrganisationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != OrganisationRequestStatus.WAITING:
        raise RequestAlreadyReviewed
    before = audit.snapshot(request, ["status"])
    _review(request, by, OrganisationRequestStatus.DECLINED)
    audit.record(
        by=by,
        action="skills.decline_organisation_request",
        target=request,
        title=_("Organisation not added to the list: %(name)s"),
        title_values={"name": request.name},
        before=before,
        after=audit.snapshot(request, ["status"]),
    )
    return request


# --- An organisation's digital capability ---------------------------------------------------


@dataclass(frozen=True)
class AreaAnswer:
    area: str
    level: int
    evidence: str


@transaction.atomic
def save_capability_assessment(
    *,
    organisation: Organisation,
    year: int,
    answers: Sequence[AreaAnswer],
    by,
    earlier_year: bool = False,
) -> CapabilityAssessment:
    """Save this year's capability self-assessment: every area at a level, with evidence.

    `earlier_year` records a past year's answers (from paper, or the demo); never a future one.
    """
    this_year = timezone.localdate().year
    if year > this_year or (year != this_year and not earlier_year):
        raise CapabilityYearClosed
    version = current()
    areas = [area.code for area in version.areas]
    given = {answer.area: answer for answer in answers}
    if (
        sorted(given) != sorted(areas)
        or len(given) != len(answers)
        or any(not answer.evidence.strip() for answer in answers)
        or any(
            answer.level not in {lv.value for lv in version.capability_levels} for answer in answers
        )
    ):
        raise CapabilityIncomplete
    assessment, _created = CapabilityAssessment.objects.select_for_update().get_or_create(
        organisation=organisation,
        year=year,
        defaults={"framework_version": version.version, "updated_by": by},
    )
    before = {
        rating.area: f"{rating.level}: {rating.evidence}" for rating in assessment.ratings.all()
    }
    assessment.ratings.all().delete()
    CapabilityRating.objects.bulk_create(
        CapabilityRating(
            assessment=assessment,
            area=code,
            level=given[code].level,
            evidence=given[code].evidence.strip(),
        )
        for code in areas
    )
    assessment.framework_version = version.version
    assessment.updated_by = by
    assessment.save()
    audit.record(
        by=by,
        action="skills.save_capability_assessment",
        target=assessment,
        title=_("Digital capability self-assessment for %(year)s saved"),
        title_values={"year": year},
        before=before,
        after={code: f"{given[code].level}: {given[code].evidence.strip()}" for code in areas},
        organisation=organisation,
    )
    return assessment
