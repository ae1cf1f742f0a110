"""Every self-assessment route refuses an editor of another body and an anonymous visitor."""

import pytest

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.standards.models import Action, SelfAssessment


@pytest.fixture
def other_editor(other_organisation):
    """An editor, but of a different body from the one that owns the service."""
    return MembershipFactory(organisation=other_organisation, role=Role.EDITOR).person


@pytest.fixture
def action(self_assessment):
    return Action.objects.create(
        self_assessment=self_assessment,
        standard=self_assessment.standard_set.standards.get(number=1),
        description="Map the well-being goals",
        owner="Service owner",
        due_on="2027-06-30",
    )


def editor_routes(self_assessment, action) -> list[str]:
    base = f"/en/standards/self-assessments/{self_assessment.pk}"
    return [
        f"/en/standards/services/{self_assessment.service.public_id}/self-assessments/new/",
        f"{base}/",
        f"{base}/standards/1/",
        f"{base}/standards/1/actions/new/",
        f"{base}/actions/{action.pk}/",
        f"{base}/submit/",
        f"{base}/publish/",
        f"{base}/history/",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_editor_route_refuses_an_editor_of_another_body(
    client, other_editor, self_assessment, action, method
):
    client.force_login(other_editor)
    for url in editor_routes(self_assessment, action):
        assert getattr(client, method)(url).status_code == 403, url
    assert SelfAssessment.objects.get().is_draft
    assert not Action.objects.get().is_done


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_editor_route_sends_an_anonymous_visitor_to_sign_in(
    client, self_assessment, action, method
):
    for url in editor_routes(self_assessment, action):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url


def test_a_member_who_is_not_an_editor_may_read_but_not_change(
    client, member, self_assessment, action
):
    client.force_login(member)
    summary = f"/en/standards/self-assessments/{self_assessment.pk}/summary/"
    assert client.get(summary).status_code == 200
    for url in editor_routes(self_assessment, action):
        assert client.get(url).status_code == 403, url


def test_a_draft_summary_is_refused_to_other_bodies_and_anonymous_visitors(
    client, other_editor, self_assessment
):
    summary = f"/cy/standards/self-assessments/{self_assessment.pk}/summary/"
    response = client.get(summary)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(other_editor)
    assert client.get(summary).status_code == 403


def test_a_submitted_but_unpublished_summary_stays_private(
    client, other_editor, submitted_self_assessment
):
    client.force_login(other_editor)
    url = f"/en/standards/self-assessments/{submitted_self_assessment.pk}/summary/"
    assert client.get(url).status_code == 403


def test_the_service_list_hides_drafts_from_other_bodies_and_the_public(
    client, other_editor, self_assessment
):
    url = f"/en/standards/services/{self_assessment.service.public_id}/self-assessments/"
    assert client.get(url).context["self_assessments"] == []
    client.force_login(other_editor)
    response = client.get(url)
    assert response.context["self_assessments"] == []
    assert "Start a self-assessment" not in response.text


def test_centre_staff_can_read_and_work_on_any_self_assessment(
    client, centre_staff, self_assessment
):
    client.force_login(centre_staff)
    base = f"/en/standards/self-assessments/{self_assessment.pk}"
    assert client.get(f"{base}/").status_code == 200
    assert client.get(f"{base}/summary/").status_code == 200


def test_the_index_of_self_assessments_needs_an_account(client, db):
    response = client.get("/en/standards/self-assessments/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
