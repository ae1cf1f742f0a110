"""Issue 9, finding 9: self-review. Conflicts are found, not only declared, and whoever wrote a
report does not also answer for the team (docs/adr/0021-review-conflicts-and-visibility.md)."""

import datetime

import pytest
from django.utils.html import escape

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.organisations.tests.factories import OrganisationFactory
from porth.register.tests.factories import ServiceFactory
from porth.standards.actions import (
    AssessorConflicted,
    ReportAuthorMayNotRespond,
    assign_panel,
    request_review,
    resolve_challenge,
    respond_to_report,
    submit_report,
    triage_review,
)
from porth.standards.models import ReviewStatus
from porth.standards.queries import ConflictKind, assessor_choices

from .conftest import give_every_outcome


@pytest.fixture
def triaged(criteria, service, editor, centre_staff):
    """A light-touch review of `service`, triaged, waiting for its panel."""
    review = request_review(service=service, phase="beta", preferred_dates="May", person=editor)
    return triage_review(
        review=review, review_type="light_touch", review_date=datetime.date(2027, 5, 4)
    )


def test_finding_9_an_editor_of_the_reviewed_body_is_refused_as_an_assessor_with_the_reason(
    triaged, assessors, organisation
):
    MembershipFactory(person=assessors[0].person, organisation=organisation, role=Role.EDITOR)
    with pytest.raises(AssessorConflicted) as refused:
        assign_panel(review=triaged, assessors=[assessors[0]], lead=assessors[0])
    assert refused.value.assessor == assessors[0]
    assert refused.value.conflict.kind == ConflictKind.ROLE_IN_BODY
    assert refused.value.conflict.organisation == organisation
    assert triaged.panel.count() == 0


def test_finding_9_any_role_counts_even_a_plain_member(triaged, assessors, organisation):
    MembershipFactory(person=assessors[1].person, organisation=organisation, role=Role.MEMBER)
    with pytest.raises(AssessorConflicted) as refused:
        assign_panel(review=triaged, assessors=assessors[:2], lead=assessors[0])
    assert refused.value.assessor == assessors[1]


def test_finding_9_a_partner_bodys_member_is_refused(triaged, assessors, service):
    partner = OrganisationFactory()
    service.partner_organisations.add(partner)
    MembershipFactory(person=assessors[2].person, organisation=partner, role=Role.MEMBER)
    with pytest.raises(AssessorConflicted) as refused:
        assign_panel(review=triaged, assessors=[assessors[2]], lead=assessors[2])
    assert refused.value.conflict.kind == ConflictKind.ROLE_IN_PARTNER
    assert refused.value.conflict.organisation == partner


def test_finding_9_someone_who_asked_for_a_review_of_the_service_is_refused_after_leaving(
    criteria, assessors, organisation, centre_staff
):
    """Memberships leave no trace when they end: the standards' own records are the evidence."""
    former = MembershipFactory(
        person=assessors[0].person, organisation=organisation, role=Role.EDITOR
    )
    service = ServiceFactory(organisation=organisation)
    review = request_review(
        service=service, phase="alpha", preferred_dates="Any", person=assessors[0].person
    )
    triage_review(review=review, review_type="light_touch", review_date=datetime.date(2027, 1, 5))
    former.delete()
    with pytest.raises(AssessorConflicted) as refused:
        assign_panel(review=review, assessors=[assessors[0]], lead=assessors[0])
    assert refused.value.conflict.kind == ConflictKind.WORKED_ON_SERVICE


def test_finding_9_declared_conflicts_still_count(triaged, assessors, conflicted):
    with pytest.raises(AssessorConflicted) as refused:
        assign_panel(review=triaged, assessors=[conflicted], lead=conflicted)
    assert refused.value.conflict.kind == ConflictKind.DECLARED


def test_finding_9_people_with_no_tie_to_the_body_may_sit(triaged, assessors, other_organisation):
    MembershipFactory(person=assessors[0].person, organisation=other_organisation)
    review = assign_panel(review=triaged, assessors=assessors[:2], lead=assessors[0])
    assert review.status == ReviewStatus.IN_REVIEW


def test_finding_9_the_panel_form_marks_each_conflicted_assessor_with_why(
    triaged, assessors, organisation, conflicted, django_assert_max_num_queries
):
    MembershipFactory(person=assessors[0].person, organisation=organisation, role=Role.EDITOR)
    with django_assert_max_num_queries(7):
        options = {option["assessor"]: option for option in assessor_choices(triaged)}
    assert options[assessors[0]]["conflict"].kind == ConflictKind.ROLE_IN_BODY
    assert options[conflicted]["conflict"].kind == ConflictKind.DECLARED
    assert not options[assessors[1]]["is_conflicted"]


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("en", "cannot be on this panel: they have a role in"),
        ("cy", "fod ar y panel hwn: mae ganddynt rôl yn"),
    ],
)
def test_finding_9_the_panel_form_refuses_an_editor_of_the_body_in_both_languages(
    client, triaged, assessors, organisation, centre_staff, language, reason
):
    MembershipFactory(person=assessors[0].person, organisation=organisation, role=Role.EDITOR)
    client.force_login(centre_staff)
    ids = [str(assessor.pk) for assessor in assessors[:2]]
    response = client.post(
        f"/{language}/standards/reviews/{triaged.pk}/panel/",
        {"assessors": ids, "lead": ids[1]},
    )
    assert response.status_code == 200
    page = response.text
    assert "govuk-error-summary" in page and "govuk-error-message" in page
    assert escape(reason) in page
    assert escape(str(organisation.name)) in page
    assert triaged.panel.count() == 0


def test_finding_9_a_panel_member_who_has_since_joined_the_body_cannot_send_the_report(
    review_in_progress, assessors, organisation
):
    give_every_outcome(review_in_progress, assessors[0].person)
    MembershipFactory(person=assessors[1].person, organisation=organisation, role=Role.EDITOR)
    with pytest.raises(AssessorConflicted):
        submit_report(
            review=review_in_progress,
            outcome="green",
            summary_en="Good",
            summary_cy="Da",
            person=assessors[0].person,
        )
    review_in_progress.refresh_from_db()
    assert review_in_progress.status == ReviewStatus.IN_REVIEW


@pytest.fixture
def staff_led_report(triaged, assessors, centre_staff):
    """Centre staff may edit any body, so one who leads a panel could otherwise accept the
    report they wrote."""
    from porth.standards.actions import update_assessor

    lead = update_assessor(person=centre_staff, disciplines=["design"], works_in_welsh=False)
    assign_panel(review=triaged, assessors=[lead, assessors[0]], lead=lead)
    give_every_outcome(triaged, centre_staff)
    return submit_report(
        review=triaged, outcome="green", summary_en="Good", summary_cy="Da", person=centre_staff
    )


def test_finding_9_the_author_of_a_report_cannot_accept_it_for_the_team(
    staff_led_report, centre_staff, editor
):
    with pytest.raises(ReportAuthorMayNotRespond):
        respond_to_report(review=staff_led_report, accept=True, reason="", person=centre_staff)
    staff_led_report.refresh_from_db()
    assert staff_led_report.status == ReviewStatus.REPORTED
    assert respond_to_report(
        review=staff_led_report, accept=True, reason="", person=editor
    ).is_published


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_9_the_review_page_offers_the_author_no_way_to_accept(
    client, staff_led_report, centre_staff, language
):
    client.force_login(centre_staff)
    page = client.get(f"/{language}/standards/reviews/{staff_led_report.pk}/").text
    assert f"/reviews/{staff_led_report.pk}/respond/" not in page
    response = client.post(
        f"/{language}/standards/reviews/{staff_led_report.pk}/respond/", {"response": "accept"}
    )
    assert response.status_code == 200
    message = {"en": "someone else in your organisation", "cy": "rywun arall yn eich sefydliad"}
    assert escape(message[language]) in response.text
    staff_led_report.refresh_from_db()
    assert staff_led_report.status == ReviewStatus.REPORTED


def test_finding_9_a_panel_member_cannot_decide_a_challenge_to_their_report(
    staff_led_report, centre_staff, editor
):
    from porth.accounts.tests.factories import CentreStaffFactory

    respond_to_report(review=staff_led_report, accept=False, reason="New data", person=editor)
    with pytest.raises(ReportAuthorMayNotRespond):
        resolve_challenge(review=staff_led_report, uphold_report=True, person=centre_staff)
    decided = resolve_challenge(
        review=staff_led_report, uphold_report=True, person=CentreStaffFactory()
    )
    assert decided.is_published
