import datetime

import pytest
from django.core import mail

from porth.register.tests.factories import ServiceFactory
from porth.standards.actions import (
    AssessorConflicted,
    NotLeadAssessor,
    NotOnPanel,
    PanelInvalid,
    ReportIncomplete,
    ReviewAlreadyOpen,
    WrongReviewStep,
    add_recommendation,
    assign_panel,
    publish_standard_set,
    record_standard_outcome,
    request_review,
    resolve_challenge,
    respond_to_report,
    submit_report,
    triage_review,
)
from porth.standards.models import ReviewStatus

from .conftest import give_every_outcome


def test_a_request_records_the_version_and_the_latest_self_assessment(
    submitted_self_assessment, service, editor, centre_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = request_review(
            service=service, phase="beta", preferred_dates="March", person=editor
        )
    assert review.self_assessment == submitted_self_assessment
    assert review.standard_set.version == "1.0"
    assert [message.to for message in mail.outbox] == [[centre_staff.email]]


def test_a_service_has_one_open_review_at_a_time(review_in_progress, service, editor):
    with pytest.raises(ReviewAlreadyOpen):
        request_review(service=service, phase="beta", preferred_dates="May", person=editor)


def test_an_assignment_with_a_conflict_of_interest_is_refused(
    review_in_progress, assessors, conflicted
):
    with pytest.raises(AssessorConflicted) as refused:
        assign_panel(review=review_in_progress, assessors=assessors, lead=assessors[0])
    assert refused.value.assessor == conflicted
    assert conflicted not in [member.assessor for member in review_in_progress.panel.all()]


def test_a_conflict_with_a_partner_organisation_is_refused_too(
    criteria, assessors, editor, other_organisation
):
    from porth.standards.actions import declare_conflict

    service = ServiceFactory()
    service.partner_organisations.add(other_organisation)
    review = request_review(service=service, phase="alpha", preferred_dates="-", person=editor)
    triage_review(review=review, review_type="light_touch", review_date=datetime.date(2027, 1, 5))
    declare_conflict(assessor=assessors[1], organisation=other_organisation, reason="")
    with pytest.raises(AssessorConflicted):
        assign_panel(review=review, assessors=[assessors[1]], lead=assessors[1])


def test_a_full_panel_needs_three_assessors_and_a_lead_on_it(review_in_progress, assessors):
    with pytest.raises(PanelInvalid):
        assign_panel(review=review_in_progress, assessors=assessors[:2], lead=assessors[0])
    with pytest.raises(PanelInvalid):
        assign_panel(review=review_in_progress, assessors=assessors[:3], lead=assessors[3])


def test_only_the_assigned_panel_writes_the_report(review_in_progress, assessors, editor):
    standard = review_in_progress.standard_set.standards.get(number=1)
    for outsider in (assessors[3].person, editor):
        with pytest.raises(NotOnPanel):
            record_standard_outcome(
                review=review_in_progress,
                standard=standard,
                rating="green",
                went_well_en="",
                went_well_cy="",
                to_improve_en="",
                to_improve_cy="",
                person=outsider,
            )


def test_only_the_lead_submits_and_only_a_complete_report(review_in_progress, assessors):
    arguments = {"outcome": "green", "summary_en": "Good", "summary_cy": "Da"}
    with pytest.raises(ReportIncomplete) as incomplete:
        submit_report(review=review_in_progress, person=assessors[0].person, **arguments)
    assert incomplete.value.standard_numbers == list(range(1, 13))
    give_every_outcome(review_in_progress, assessors[2].person)
    with pytest.raises(NotLeadAssessor):
        submit_report(review=review_in_progress, person=assessors[1].person, **arguments)
    with pytest.raises(ReportIncomplete):
        submit_report(
            review=review_in_progress, person=assessors[0].person, **{**arguments, "summary_cy": ""}
        )


def test_a_submitted_report_gives_the_team_ten_working_days(reported_review):
    assert reported_review.status == ReviewStatus.REPORTED
    assert reported_review.response_due_on > reported_review.reported_at.date()


def test_recommendations_are_due_three_months_after_the_review_by_default(
    review_in_progress, assessors
):
    recommendation = add_recommendation(
        review=review_in_progress,
        standard=review_in_progress.standard_set.standards.get(number=12),
        text_en="Publish the four key measures",
        text_cy="Cyhoeddi'r pedwar mesur allweddol",
        due_on=None,
        person=assessors[1].person,
    )
    assert recommendation.due_on == datetime.date(2027, 6, 9)


def test_accepting_publishes_and_emails_each_person_in_their_language(
    reported_review, editor, assessors, django_capture_on_commit_callbacks
):
    editor.preferred_language = "en"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        review = respond_to_report(review=reported_review, accept=True, reason="", person=editor)
    assert review.status == ReviewStatus.PUBLISHED and review.published_at
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[assessors[0].person.email].startswith("Adroddiad")  # prefers Welsh
    assert subjects[editor.email].startswith("Review report accepted")


def test_a_challenge_needs_a_reason_and_goes_to_the_centre(
    reported_review, editor, centre_staff, assessors, django_capture_on_commit_callbacks
):
    with pytest.raises(ValueError):
        respond_to_report(review=reported_review, accept=False, reason=" ", person=editor)
    with django_capture_on_commit_callbacks(execute=True):
        review = respond_to_report(
            review=reported_review, accept=False, reason="We have new research", person=editor
        )
    assert review.status == ReviewStatus.CHALLENGED
    assert {message.to[0] for message in mail.outbox} == {
        centre_staff.email,
        assessors[0].person.email,
    }
    decided = resolve_challenge(review=review, uphold_report=False, person=centre_staff)
    assert decided.status == ReviewStatus.IN_REVIEW


def test_steps_cannot_be_taken_out_of_order(reported_review):
    with pytest.raises(WrongReviewStep):
        triage_review(
            review=reported_review, review_type="light_touch", review_date=datetime.date.today()
        )


def test_publishing_a_new_version_leaves_past_reviews_unchanged(reported_review, standard_rows):
    publish_standard_set(version="2.0", published_on=datetime.date(2027, 1, 1), rows=standard_rows)
    reported_review.refresh_from_db()
    assert reported_review.standard_set.version == "1.0"
    assert {o.standard.standard_set.version for o in reported_review.outcomes.all()} == {"1.0"}
