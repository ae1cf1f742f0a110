"""Issue 9, finding 12: one rule says who reads a report and its recommendations, and every
page and the API use it (docs/adr/0021-review-conflicts-and-visibility.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.standards.actions import respond_to_report
from porth.standards.queries import (
    can_see_report,
    open_recommendations,
    organisation_dashboard,
    reports_visible_to,
)
from porth.standards.sections import service_section_context

from .conftest import send_report_with_recommendation

ACTION = "Publish the accessibility statement"


@pytest.fixture
def reported(review_in_progress, assessors):
    """A report with the team, not yet accepted, with one recommendation."""
    return send_report_with_recommendation(review_in_progress, assessors[0].person)


def test_finding_12_a_member_does_not_see_unpublished_recommendations_on_the_service_page(
    client, reported, member
):
    client.force_login(member)
    page = client.get(f"/en/register/services/{reported.service.public_id}/").text
    assert ACTION not in page
    assert "There are no open actions from review reports." in page


def test_finding_12_the_bodys_editors_centre_staff_and_the_panel_see_them_before_publication(
    client, reported, editor, organisation_admin, centre_staff, assessors
):
    url = f"/en/register/services/{reported.service.public_id}/"
    for person in (editor, organisation_admin, centre_staff, assessors[2].person):
        client.force_login(person)
        page = client.get(url).text
        assert ACTION in page, person
        assert "Report not published yet" in page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_12_a_member_does_not_see_an_unpublished_report_on_the_review_page(
    client, reported, member, language
):
    client.force_login(member)
    response = client.get(f"/{language}/standards/reviews/{reported.pk}/")
    assert response.status_code == 200  # the request and its timeline are the body's to see
    assert ACTION not in response.text
    assert "Cyhoeddi'r datganiad" not in response.text.replace("&#x27;", "'")
    assert reported.summary_en not in response.text
    assert response.context["outcomes"] == [] and response.context["recommendations"] == []


def test_finding_12_a_member_sees_only_published_reports_on_the_bodys_dashboard(
    reported, organisation, member, editor
):
    (row,) = organisation_dashboard(organisation, member)
    assert row.review is None and row.open_recommendations == 0
    (row,) = organisation_dashboard(organisation, editor)
    assert row.review == reported and row.open_recommendations == 1


def test_finding_12_after_publication_everyone_sees_the_report_and_its_recommendations(
    client, reported, editor, member, outsider
):
    respond_to_report(review=reported, accept=True, reason="", person=editor)
    for person in (None, member, outsider):
        client.logout()
        if person:
            client.force_login(person)
        service_page = client.get(f"/en/register/services/{reported.service.public_id}/").text
        assert ACTION in service_page
        review_page = client.get(f"/en/standards/reviews/{reported.pk}/").text
        assert ACTION in review_page and reported.summary_en in review_page
    assert client.get(f"/api/v1/review-reports/{reported.pk}/").status_code == 200


def test_finding_12_the_rule_for_one_report_agrees_with_the_rule_for_many(
    review_in_progress, assessors, editor, member, outsider, centre_staff, organisation
):
    """`can_see_report` and `reports_visible_to` are one rule, at every step."""
    partner_member = MembershipFactory(role=Role.ADMIN).person
    review_in_progress.service.partner_organisations.add(
        partner_member.memberships.get().organisation
    )
    people = {
        "public": AnonymousUser(),
        "member": member,
        "editor": editor,
        "outsider": outsider,
        "partner": partner_member,
        "centre": centre_staff,
        "panel": assessors[1].person,
    }

    def seen() -> set[str]:
        review = type(review_in_progress).objects.get(pk=review_in_progress.pk)
        one = {name for name, user in people.items() if can_see_report(user, review)}
        many = {
            name
            for name, user in people.items()
            if reports_visible_to(user).filter(pk=review.pk).exists()
        }
        assert one == many
        return one

    assert seen() == {"panel"}
    send_report_with_recommendation(review_in_progress, assessors[0].person)
    assert seen() == {"panel", "editor", "centre"}
    review_in_progress.refresh_from_db()  # submit_report locked and saved its own copy
    respond_to_report(review=review_in_progress, accept=True, reason="", person=editor)
    assert seen() == set(people)
    assert [r.text_en for r in open_recommendations(review_in_progress.service, member)] == [ACTION]


def test_a_service_never_reviewed_shows_its_standards_section_after_one_read(
    service, django_assert_num_queries
):
    with django_assert_num_queries(1):
        context = service_section_context(service, AnonymousUser())
    assert context["reports"] == [] and context["recommendations"] == []


def test_a_review_asked_for_and_not_yet_reported_shows_no_report_or_action_to_anyone(
    client, review_in_progress, centre_staff
):
    client.force_login(centre_staff)
    page = client.get(f"/en/register/services/{review_in_progress.service.public_id}/").text
    assert "No review report has been published for this service yet." in page
    assert "There are no open actions from review reports." in page
