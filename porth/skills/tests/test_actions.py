import datetime

import pytest
from django.utils import timezone

from porth.core.models import AuditEntry
from porth.organisations.actions import OrganisationAlreadyListed
from porth.organisations.models import Organisation
from porth.skills import actions
from porth.skills.models import OrganisationRequestStatus, SkillsAssessment

from .factories import OrganisationRequestFactory

pytestmark = pytest.mark.django_db

SOCIAL_CARE = [
    "user-focus",
    "data-management",
    "information-security",
    "ethics-and-risk",
    "content-design",
    "agile-working",
    "designing-bilingual-services",
]


def test_a_person_can_save_part_of_their_answers_and_finish_later(person):
    assessment = actions.start_skills_assessment(person=person, context="social-care")
    actions.save_skill_ratings(
        assessment=assessment, ratings={"user-focus": 2}, person=person, finish=False
    )
    assessment.refresh_from_db()
    assert not assessment.is_complete
    with pytest.raises(actions.RatingsMissing) as missing:
        actions.save_skill_ratings(
            assessment=assessment, ratings={"user-focus": 2}, person=person, finish=True
        )
    assert "data-management" in missing.value.missing
    actions.save_skill_ratings(
        assessment=assessment, ratings=dict.fromkeys(SOCIAL_CARE, 1), person=person, finish=True
    )
    assessment.refresh_from_db()
    assert assessment.is_complete
    assert assessment.ratings.count() == len(SOCIAL_CARE)


def test_a_second_assessment_cannot_start_while_one_is_unfinished(person):
    first = actions.start_skills_assessment(person=person, context="health")
    with pytest.raises(actions.AssessmentInProgress) as error:
        actions.start_skills_assessment(person=person, context="education")
    assert error.value.assessment == first


def test_an_unknown_context_is_refused(person):
    with pytest.raises(actions.UnknownContext):
        actions.start_skills_assessment(person=person, context="astronaut")


def test_ratings_for_skills_outside_the_context_or_out_of_range_are_refused_and_nothing_saved(
    person,
):
    assessment = actions.start_skills_assessment(person=person, context="social-care")
    for ratings in ({"prototyping": 2}, {"user-focus": 9}):
        with pytest.raises(actions.RatingsInvalid):
            actions.save_skill_ratings(
                assessment=assessment, ratings=ratings, person=person, finish=False
            )
    assert assessment.ratings.count() == 0


def test_nobody_else_can_change_or_delete_a_persons_assessment(person, member):
    assessment = actions.start_skills_assessment(person=person, context="social-care")
    with pytest.raises(actions.NotYours):
        actions.save_skill_ratings(
            assessment=assessment, ratings={"user-focus": 1}, person=member, finish=False
        )
    with pytest.raises(actions.NotYours):
        actions.delete_skills_assessment(assessment=assessment, person=member)
    assert SkillsAssessment.objects.filter(pk=assessment.pk).exists()


def test_a_finished_assessment_is_not_changed_afterwards(person):
    assessment = actions.start_skills_assessment(person=person, context="social-care")
    actions.save_skill_ratings(
        assessment=assessment, ratings=dict.fromkeys(SOCIAL_CARE, 1), person=person, finish=True
    )
    with pytest.raises(actions.AssessmentFinished):
        actions.save_skill_ratings(
            assessment=assessment, ratings={"user-focus": 4}, person=person, finish=False
        )


def test_the_audit_log_says_an_assessment_was_saved_but_never_what_was_answered(person):
    assessment = actions.start_skills_assessment(person=person, context="social-care")
    actions.save_skill_ratings(
        assessment=assessment, ratings={"user-focus": 3}, person=person, finish=False
    )
    entries = AuditEntry.objects.filter(action__startswith="skills.")
    assert [entry.action for entry in entries.order_by("pk")] == [
        "skills.start_skills_assessment",
        "skills.save_skill_ratings",
    ]
    assert all(entry.changes in ({}, [], None) for entry in entries)


def test_deleting_an_assessment_removes_its_answers(person):
    assessment = actions.start_skills_assessment(person=person, context="social-care")
    actions.save_skill_ratings(
        assessment=assessment, ratings={"user-focus": 3}, person=person, finish=False
    )
    actions.delete_skills_assessment(assessment=assessment, person=person)
    assert not SkillsAssessment.objects.filter(person=person).exists()


def test_centre_staff_add_a_named_organisation_with_its_type(centre_staff):
    request = OrganisationRequestFactory(name="Department for Example")
    organisation = actions.add_requested_organisation(
        request=request,
        name_en="Department for Example",
        name_cy="Adran Enghreifftiol",
        type="uk_government",
        website="",
        by=centre_staff,
    )
    request.refresh_from_db()
    assert request.status == OrganisationRequestStatus.ADDED
    assert request.organisation == organisation
    assert organisation.type == "uk_government"
    assert organisation.slug == "department-for-example"
    with pytest.raises(actions.RequestAlreadyReviewed):
        actions.decline_organisation_request(request=request, by=centre_staff)


def test_an_organisation_already_listed_is_not_added_twice_and_the_request_stays_waiting(
    centre_staff, organisation
):
    request = OrganisationRequestFactory(name=organisation.name_en)
    with pytest.raises(OrganisationAlreadyListed):
        actions.add_requested_organisation(
            request=request,
            name_en=organisation.name_en,
            name_cy="Enw",
            type="other",
            website="",
            by=centre_staff,
        )
    request.refresh_from_db()
    assert request.status == OrganisationRequestStatus.WAITING
    assert Organisation.objects.filter(name_en=organisation.name_en).count() == 1


def _answers(level: int = 2) -> list[actions.AreaAnswer]:
    codes = [
        "leadership",
        "skills",
        "user-centred-practice",
        "data",
        "technology",
        "welsh-language-service-design",
    ]
    return [actions.AreaAnswer(area=code, level=level, evidence="A plan") for code in codes]


def test_an_organisation_saves_one_capability_assessment_a_year(organisation, organisation_admin):
    year = timezone.localdate().year
    first = actions.save_capability_assessment(
        organisation=organisation, year=year, answers=_answers(2), by=organisation_admin
    )
    again = actions.save_capability_assessment(
        organisation=organisation, year=year, answers=_answers(3), by=organisation_admin
    )
    assert first.pk == again.pk
    assert set(again.ratings.values_list("level", flat=True)) == {3}


def test_a_capability_assessment_needs_every_area_with_evidence_and_only_this_year(
    organisation, organisation_admin
):
    year = timezone.localdate().year
    with pytest.raises(actions.CapabilityIncomplete):
        actions.save_capability_assessment(
            organisation=organisation, year=year, answers=_answers()[:5], by=organisation_admin
        )
    blank = [actions.AreaAnswer(area=a.area, level=2, evidence=" ") for a in _answers()]
    with pytest.raises(actions.CapabilityIncomplete):
        actions.save_capability_assessment(
            organisation=organisation, year=year, answers=blank, by=organisation_admin
        )
    with pytest.raises(actions.CapabilityYearClosed):
        actions.save_capability_assessment(
            organisation=organisation,
            year=datetime.date.today().year - 1,
            answers=_answers(),
            by=organisation_admin,
        )
