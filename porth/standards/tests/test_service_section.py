"""The standards' section of a service's page in the register: reports and open actions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from porth.standards.actions import respond_to_report

from .conftest import send_report_with_recommendation


@pytest.fixture
def reported(review_in_progress, assessors):
    """A report with the team, not yet accepted, with one action already overdue."""
    return send_report_with_recommendation(
        review_in_progress, assessors[0].person, due_on=datetime.date(2020, 1, 31)
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_everyone_sees_a_published_report_and_its_open_actions(client, reported, editor, language):
    respond_to_report(review=reported, accept=True, reason="", person=editor)
    page = client.get(f"/{language}/register/services/{reported.service.public_id}/").text
    assert f"/{language}/standards/reviews/{reported.pk}/" in page
    action = "Publish the accessibility statement" if language == "en" else "Cyhoeddi'r datganiad"
    assert action in page.replace("&#x27;", "'")
    assert ("Overdue" if language == "en" else "Yn hwyr") in page


def test_actions_of_an_unpublished_report_are_only_for_the_bodys_editors_and_centre_staff(
    client, reported, member, editor, outsider, centre_staff
):
    url = f"/en/register/services/{reported.service.public_id}/"
    assert "Publish the accessibility statement" not in client.get(url).text
    client.force_login(outsider)
    page = client.get(url).text
    assert "Publish the accessibility statement" not in page
    assert "No review report has been published for this service yet." in page
    client.force_login(member)
    assert "Publish the accessibility statement" not in client.get(url).text
    for person in (editor, centre_staff):
        client.force_login(person)
        page = client.get(url).text
        assert "Publish the accessibility statement" in page
        assert "Report not published yet" in page


def test_an_action_marked_done_leaves_the_service_page(client, reported, editor):
    from porth.standards.actions import set_recommendation_done

    respond_to_report(review=reported, accept=True, reason="", person=editor)
    set_recommendation_done(recommendation=reported.recommendations.get(), is_done=True)
    page = client.get(f"/en/register/services/{reported.service.public_id}/").text
    assert "There are no open actions from review reports." in page


def test_the_section_adds_the_same_number_of_queries_however_many_reports(
    client, reported, editor, assessors, member
):
    from porth.standards.actions import assign_panel, request_review, triage_review

    client.force_login(member)
    url = f"/en/register/services/{reported.service.public_id}/"
    respond_to_report(review=reported, accept=True, reason="", person=editor)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    before = len(context.captured_queries)
    for _ in range(3):
        review = request_review(
            service=reported.service, phase="live", preferred_dates="Any", person=editor
        )
        triage_review(review=review, review_type="light_touch", review_date=datetime.date.today())
        assign_panel(review=review, assessors=assessors[:1], lead=assessors[0])
        review = send_report_with_recommendation(
            review, assessors[0].person, due_on=None, text_en="Another action"
        )
        respond_to_report(review=review, accept=True, reason="", person=editor)
    with CaptureQueriesContext(connection) as context:
        page = client.get(url).text
    assert page.count("Another action") == 3
    assert len(context.captured_queries) == before
