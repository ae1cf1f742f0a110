import pytest
from django.utils import translation

from porth.accounts.tests.factories import MembershipFactory
from porth.organisations.tests.factories import OrganisationFactory
from porth.skills import queries

from .helpers import finished_assessment

pytestmark = pytest.mark.django_db


def test_the_result_shows_each_gap_against_the_level_the_context_needs(person):
    assessment = finished_assessment(person, level=3, information_security=1)
    result = queries.result_for(assessment)
    assert [row.skill.code for row in result.gaps] == ["information-security"]
    assert result.previous is None


def test_a_repeat_shows_the_change_from_the_previous_one(person):
    finished_assessment(person, level=1)
    again = finished_assessment(person, level=1, user_focus=3)
    result = queries.result_for(again)
    changes = {row.skill.code: row.change for row in result.rows}
    assert changes["user-focus"] == 2
    assert changes["data-management"] == 0
    assert "user-focus" not in [row.skill.code for row in result.gaps]


def test_without_the_learning_app_no_course_link_is_offered(person, without_learning):
    result = queries.result_for(finished_assessment(person))
    assert all(row.courses_url is None for row in result.rows)


def test_with_the_learning_app_each_gap_links_to_its_courses(person, with_learning):
    result = queries.result_for(finished_assessment(person))
    with translation.override("en"):
        assert queries.courses_url("user-focus") == "/en/learning/?skill=user-focus"
    assert all(row.courses_url.endswith(f"?skill={row.skill.code}") for row in result.rows)


def _members_with_assessments(organisation, count: int, context: str = "health"):
    for _ in range(count):
        person = MembershipFactory(organisation=organisation).person
        finished_assessment(person, context=context, level=1)


def test_an_organisation_aggregate_is_shown_only_from_five_people(organisation):
    _members_with_assessments(organisation, 4)
    aggregate = queries.organisation_aggregate(organisation)
    assert [(item.context.code, item.people, item.is_shown) for item in aggregate.contexts] == [
        ("health", 4, False)
    ]
    assert aggregate.contexts[0].rows == []
    _members_with_assessments(organisation, 1)
    item = queries.organisation_aggregate(organisation).contexts[0]
    assert item.is_shown and item.people == 5
    security = next(row for row in item.rows if row.skill.code == "information-security")
    assert security.with_gap == 5 and security.counts[1] == 5


def test_a_repeat_counts_once_in_the_aggregate(organisation):
    person = MembershipFactory(organisation=organisation).person
    finished_assessment(person, context="health")
    finished_assessment(person, context="health")
    assert queries.organisation_aggregate(organisation).contexts[0].people == 1


def test_other_bodies_people_do_not_count_in_an_organisation_aggregate(organisation):
    _members_with_assessments(OrganisationFactory(), 5)
    assert queries.organisation_aggregate(organisation).contexts == []


def test_sector_aggregates_group_people_by_the_type_of_their_body():
    _members_with_assessments(OrganisationFactory(type="local_health_board"), 3)
    _members_with_assessments(OrganisationFactory(type="local_health_board"), 2)
    _members_with_assessments(OrganisationFactory(type="police_force"), 2)
    with translation.override("en"):
        sectors = {sector.label: sector for sector in queries.sector_aggregates()}
    assert sectors["Local health board"].contexts[0].is_shown
    assert not sectors["Police force"].contexts[0].is_shown
