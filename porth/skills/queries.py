"""Reads for the skills pages: a person's own assessments and results, the aggregates that
only ever show groups of five or more people, organisations waiting to be listed, and an
organisation's capability self-assessments over the years."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from porth.organisations.models import Organisation, OrganisationType

from .framework import Area, Context, Framework, Level, Skill, current, framework
from .models import (
    CapabilityAssessment,
    OrganisationRequest,
    OrganisationRequestStatus,
    SkillRating,
    SkillsAssessment,
)

# Aggregates are shown only where at least this many people took part, so nobody's answers
# can be picked out of a small group.
MINIMUM_PEOPLE = 5


def courses_url(skill_code: str) -> str | None:
    """The learning catalogue filtered to courses for the skill, or None while there is no
    catalogue (the learning app is optional: the page then simply shows no link)."""
    try:
        return reverse("learning:catalogue") + "?" + urlencode({"skill": skill_code})
    except NoReverseMatch:
        return None


# --- A person's own assessments -------------------------------------------------------------


def assessments_of(person) -> QuerySet[SkillsAssessment]:
    return SkillsAssessment.objects.filter(person=person).order_by("-started_at", "-pk")


def unfinished_assessment_of(person) -> SkillsAssessment | None:
    return SkillsAssessment.objects.filter(person=person, completed_at__isnull=True).first()


def ratings_of(assessment: SkillsAssessment) -> dict[str, int]:
    return dict(assessment.ratings.values_list("skill", "level"))


def context_of(assessment: SkillsAssessment) -> Context:
    return framework(assessment.framework_version).contexts[assessment.context]


@dataclass(frozen=True)
class ResultRow:
    skill: Skill
    needed: Level
    rated: Level | None
    previous: Level | None
    courses_url: str | None

    @property
    def is_gap(self) -> bool:
        return self.rated is None or self.rated.value < self.needed.value

    @property
    def change(self) -> int | None:
        if self.rated is None or self.previous is None:
            return None
        return self.rated.value - self.previous.value


@dataclass(frozen=True)
class Result:
    assessment: SkillsAssessment
    context: Context
    rows: list[ResultRow]
    previous: SkillsAssessment | None

    @property
    def gaps(self) -> list[ResultRow]:
        return [row for row in self.rows if row.is_gap]

    @property
    def strengths(self) -> list[ResultRow]:
        return [row for row in self.rows if not row.is_gap]


def previous_assessment(assessment: SkillsAssessment) -> SkillsAssessment | None:
    """The same person's last finished assessment in the same context before this one."""
    before = SkillsAssessment.objects.filter(
        person_id=assessment.person_id,
        context=assessment.context,
        completed_at__isnull=False,
    ).exclude(pk=assessment.pk)
    if assessment.completed_at:
        before = before.filter(completed_at__lt=assessment.completed_at)
    return before.order_by("-completed_at").first()


def result_for(assessment: SkillsAssessment) -> Result:
    """Each skill the context asks for: the level needed, the level the person gave, the level
    they gave last time, and where to find courses. Three queries."""
    version = framework(assessment.framework_version)
    context = version.contexts[assessment.context]
    ratings = ratings_of(assessment)
    previous = previous_assessment(assessment)
    earlier = ratings_of(previous) if previous else {}
    rows = [
        ResultRow(
            skill=requirement.skill,
            needed=requirement.level,
            rated=version.level(ratings[code])
            if (code := requirement.skill.code) in ratings
            else None,
            previous=version.level(earlier[code]) if code in earlier else None,
            courses_url=courses_url(code),
        )
        for requirement in context.requirements
    ]
    return Result(assessment=assessment, context=context, rows=rows, previous=previous)


def download_rows(person) -> list[list[str]]:
    """Every rating the person has given, one row each, for their own download."""
    rows = []
    assessments = assessments_of(person).prefetch_related("ratings")
    for assessment in assessments:
        version = framework(assessment.framework_version)
        context = version.contexts[assessment.context]
        for rating in assessment.ratings.all():
            skill = version.skills.get(rating.skill)
            rows.append(
                [
                    timezone.localtime(assessment.started_at).date().isoformat(),
                    timezone.localtime(assessment.completed_at).date().isoformat()
                    if assessment.completed_at
                    else "",
                    context.name,
                    skill.name if skill else rating.skill,
                    rating.skill,
                    version.level(rating.level).name,
                    str(rating.level),
                    assessment.framework_version,
                ]
            )
    return rows


# --- Aggregates: five or more people, or nothing --------------------------------------------


@dataclass(frozen=True)
class AggregateRow:
    skill: Skill
    needed: Level
    counts: list[int]  # people at each level, 0 to 4
    with_gap: int
    courses_url: str | None

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ContextAggregate:
    context: Context
    people: int
    rows: list[AggregateRow] = field(default_factory=list)

    @property
    def is_shown(self) -> bool:
        return self.people >= MINIMUM_PEOPLE


@dataclass(frozen=True)
class GroupAggregate:
    """One body's or one sector's aggregates, context by context."""

    label: str
    contexts: list[ContextAggregate]

    @property
    def has_any_shown(self) -> bool:
        return any(item.is_shown for item in self.contexts)


def _latest_finished(assessments: QuerySet[SkillsAssessment]) -> list[tuple[int, int, str]]:
    """(assessment id, person id, context) of each person's latest finished assessment in each
    context: a repeat replaces the earlier answers rather than counting twice."""
    seen: set[tuple[int, str]] = set()
    latest = []
    for pk, person_id, context in (
        assessments.filter(completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .values_list("pk", "person_id", "context")
    ):
        if (person_id, context) not in seen:
            seen.add((person_id, context))
            latest.append((pk, person_id, context))
    return latest


def _aggregate(
    latest: Iterable[tuple[int, int, str]], version: Framework
) -> list[ContextAggregate]:
    latest = list(latest)
    by_context: dict[str, list[int]] = defaultdict(list)
    for pk, _person, context in latest:
        by_context[context].append(pk)
    ratings: dict[int, dict[str, int]] = defaultdict(dict)
    for assessment_id, skill, level in SkillRating.objects.filter(
        assessment_id__in=[pk for pk, _person, _context in latest]
    ).values_list("assessment_id", "skill", "level"):
        ratings[assessment_id][skill] = level
    result = []
    for context in version.contexts.values():
        ids = by_context.get(context.code, [])
        if not ids:
            continue
        if len(ids) < MINIMUM_PEOPLE:
            result.append(ContextAggregate(context=context, people=len(ids)))
            continue
        rows = []
        for requirement in context.requirements:
            code = requirement.skill.code
            counts = [0] * len(version.levels)
            for pk in ids:
                if code in ratings[pk]:
                    counts[ratings[pk][code]] += 1
            rows.append(
                AggregateRow(
                    skill=requirement.skill,
                    needed=requirement.level,
                    counts=counts,
                    with_gap=sum(counts[: requirement.level.value]),
                    courses_url=courses_url(code),
                )
            )
        result.append(ContextAggregate(context=context, people=len(ids), rows=rows))
    return result


def organisation_aggregate(organisation: Organisation) -> GroupAggregate:
    """The body's members' latest finished assessments, context by context; a context with
    fewer than five people shows only that it is too few."""
    latest = _latest_finished(
        SkillsAssessment.objects.filter(person__memberships__organisation=organisation).distinct()
    )
    return GroupAggregate(label=organisation.name, contexts=_aggregate(latest, current()))


def sector_aggregates() -> list[GroupAggregate]:
    """The same, for each type of body (sector), counting each person once per sector."""
    rows = (
        SkillsAssessment.objects.filter(completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .values_list("pk", "person_id", "context", "person__memberships__organisation__type")
    )
    by_type: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    seen: set[tuple[str, int, str]] = set()
    for pk, person_id, context, type_ in rows:
        if type_ is None or (type_, person_id, context) in seen:
            continue
        seen.add((type_, person_id, context))
        by_type[type_].append((pk, person_id, context))
    version = current()
    return [
        GroupAggregate(label=str(label), contexts=_aggregate(by_type[value], version))
        for value, label in OrganisationType.choices
        if by_type.get(value)
    ]


# --- Organisations people name that are not in the list -------------------------------------


def waiting_organisation_requests() -> QuerySet[OrganisationRequest]:
    return OrganisationRequest.objects.filter(
        status=OrganisationRequestStatus.WAITING
    ).select_related("person")


def organisation_requests_of(person) -> QuerySet[OrganisationRequest]:
    return OrganisationRequest.objects.filter(person=person).select_related("organisation")


# --- An organisation's digital capability ---------------------------------------------------


@dataclass(frozen=True)
class AreaRating:
    area: Area
    level: Level | None
    evidence: str
    courses: list[tuple[Skill, str]]  # skills that build the area, with their course links

    def is_gap(self, target: int) -> bool:
        return self.level is None or self.level.value < target


@dataclass(frozen=True)
class CapabilityYear:
    assessment: CapabilityAssessment
    areas: list[AreaRating]
    target: int

    @property
    def gaps(self) -> list[AreaRating]:
        return [area for area in self.areas if area.is_gap(self.target)]


def capability_years(organisation: Organisation) -> list[CapabilityYear]:
    """The body's capability self-assessments, newest year first, area by area. Two queries."""
    years = []
    for assessment in CapabilityAssessment.objects.filter(
        organisation=organisation
    ).prefetch_related("ratings"):
        version = framework(assessment.framework_version)
        given = {rating.area: rating for rating in assessment.ratings.all()}
        areas = []
        for area in version.areas:
            rating = given.get(area.code)
            areas.append(
                AreaRating(
                    area=area,
                    level=version.capability_level(rating.level) if rating else None,
                    evidence=rating.evidence if rating else "",
                    courses=[
                        (skill, url)
                        for skill in area.skills
                        if (url := courses_url(skill.code)) is not None
                    ],
                )
            )
        years.append(
            CapabilityYear(assessment=assessment, areas=areas, target=version.capability_target)
        )
    return years


def capability_trend(
    years: list[CapabilityYear],
) -> list[tuple[Area, list[tuple[int, Level | None]]]]:
    """Each area's level year by year, oldest first, for the trend table."""
    if not years:
        return []
    oldest_first = list(reversed(years))
    return [
        (
            area.area,
            [(year.assessment.year, year.areas[index].level) for year in oldest_first],
        )
        for index, area in enumerate(years[0].areas)
    ]


def capability_assessment_for(organisation: Organisation, year: int) -> CapabilityAssessment | None:
    return (
        CapabilityAssessment.objects.filter(organisation=organisation, year=year)
        .prefetch_related("ratings")
        .first()
    )
