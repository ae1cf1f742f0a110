"""Two people at once (issue 9, findings 4 and 5): no lost answers or findings, no twins."""

import threading

import pytest
from django.db import IntegrityError, connection
from django.test import Client

from porth.accounts.tests.factories import MembershipFactory
from porth.core.edits import StaleEdit
from porth.core.permissions import Role
from porth.standards import actions
from porth.standards.models import (
    Action,
    Answer,
    Criterion,
    Recommendation,
    Review,
    SelfAssessment,
    SelfAssessmentStatus,
    StandardOutcome,
)

from .conftest import give_every_outcome

pytestmark = pytest.mark.django_db


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def page_token(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["creation_token"]


def checklist(self_assessment, number: int, rating: str, evidence: str) -> dict[str, str]:
    data = {}
    for criterion in Criterion.objects.filter(
        standard__standard_set=self_assessment.standard_set,
        standard__number=number,
        phase=self_assessment.phase,
    ):
        prefix = f"criterion-{criterion.pk}"
        data |= {f"{prefix}-rating": rating, f"{prefix}-evidence": evidence, f"{prefix}-links": ""}
    return data


@pytest.fixture
def second_editor(organisation):
    return MembershipFactory(organisation=organisation, role=Role.EDITOR).person


# --- Finding 4: self-assessment answers ------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Someone else has saved changes since you started"),
        ("cy", "Mae rhywun arall wedi cadw newidiadau ers i chi ddechrau"),
    ],
)
def test_finding_4_a_stale_checklist_page_does_not_overwrite_another_editors_answers(
    self_assessment, editor, second_editor, language, heading
):
    url = f"/{language}/standards/self-assessments/{self_assessment.pk}/standards/3/"
    first, second = signed_in(editor), signed_in(second_editor)
    version = first.get(url).context["version"]
    second.get(url)
    saved = second.post(url, {"version": version, **checklist(self_assessment, 3, "met", "Ours")})
    assert saved.status_code == 302

    response = first.post(
        url, {"version": version, **checklist(self_assessment, 3, "not_met", "Theirs")}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert heading in page
    assert "Ours" in page and "Theirs" in page
    assert set(Answer.objects.values_list("evidence", flat=True)) == {"Ours"}


def test_finding_4_saving_my_answers_after_seeing_the_differences_saves_them(
    self_assessment, editor, second_editor
):
    url = f"/en/standards/self-assessments/{self_assessment.pk}/standards/3/"
    first, second = signed_in(editor), signed_in(second_editor)
    version = first.get(url).context["version"]
    second.post(url, {"version": version, **checklist(self_assessment, 3, "met", "Ours")})
    stale = first.post(
        url, {"version": version, **checklist(self_assessment, 3, "not_met", "Theirs")}
    ).context["stale"]

    response = first.post(
        url, {"version": stale.version, **checklist(self_assessment, 3, "not_met", "Theirs")}
    )

    assert response.status_code == 302
    assert set(Answer.objects.values_list("evidence", flat=True)) == {"Theirs"}


def test_finding_4_answers_saved_on_another_standard_do_not_get_in_the_way(
    self_assessment, editor, second_editor
):
    first, second = signed_in(editor), signed_in(second_editor)
    page_3 = f"/en/standards/self-assessments/{self_assessment.pk}/standards/3/"
    page_5 = f"/en/standards/self-assessments/{self_assessment.pk}/standards/5/"
    version = first.get(page_3).context["version"]
    second.post(page_5, {"version": version, **checklist(self_assessment, 5, "met", "Five")})

    response = first.post(
        page_3, {"version": version, **checklist(self_assessment, 3, "met", "Three")}
    )

    assert response.status_code == 302
    assert set(Answer.objects.values_list("evidence", flat=True)) == {"Five", "Three"}


def test_finding_4_the_action_refuses_stale_answers_and_saves_nothing(self_assessment):
    criterion = Criterion.objects.filter(
        standard__standard_set=self_assessment.standard_set,
        phase=self_assessment.phase,
        standard__number=3,
    ).first()
    opened_at = self_assessment.version
    actions.save_answers(
        self_assessment=self_assessment,
        answers=[actions.AnswerInput(criterion, "met", "Ours", "")],
        version=opened_at,
    )
    with pytest.raises(StaleEdit) as refused:
        actions.save_answers(
            self_assessment=self_assessment,
            answers=[actions.AnswerInput(criterion, "not_met", "Ours", "")],
            version=opened_at,
        )
    [difference] = refused.value.differences
    assert (difference.theirs, difference.yours) == ("Met", "Not met")
    assert Answer.objects.get().rating == "met"


# --- Finding 4: peer review findings ---------------------------------------------------------


def outcome_data(rating: str, went_well: str, version) -> dict[str, str]:
    return {
        "version": version,
        "rating": rating,
        "went_well_en": went_well,
        "went_well_cy": went_well,
        "to_improve_en": "Publish the measures",
        "to_improve_cy": "Cyhoeddi'r mesurau",
    }


def test_finding_4_a_stale_finding_does_not_overwrite_another_assessors(
    review_in_progress, assessors
):
    url = f"/en/standards/reviews/{review_in_progress.pk}/report/standards/12/"
    first, second = signed_in(assessors[0].person), signed_in(assessors[1].person)
    version = first.get(url).context["version"]
    second.get(url)
    assert second.post(url, outcome_data("green", "Clear data", version)).status_code == 302

    response = first.post(url, outcome_data("red", "Little data", version))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else has saved changes since you started" in page
    assert "Clear data" in page and "Little data" in page
    assert StandardOutcome.objects.get().rating == "green"
    stale = response.context["stale"]
    again = first.post(url, outcome_data("red", "Little data", stale.version))
    assert again.status_code == 302
    assert StandardOutcome.objects.get().rating == "red"


def test_finding_4_findings_on_other_standards_do_not_get_in_the_way(review_in_progress, assessors):
    base = f"/en/standards/reviews/{review_in_progress.pk}/report/standards"
    first, second = signed_in(assessors[0].person), signed_in(assessors[1].person)
    version = first.get(f"{base}/12/").context["version"]
    second.post(f"{base}/11/", outcome_data("green", "Eleven", version))

    response = first.post(f"{base}/12/", outcome_data("amber", "Twelve", version))

    assert response.status_code == 302
    assert StandardOutcome.objects.count() == 2


def test_finding_4_a_double_submitted_report_is_sent_once(review_in_progress, assessors):
    give_every_outcome(review_in_progress, assessors[0].person)
    url = f"/en/standards/reviews/{review_in_progress.pk}/report/submit/"
    lead = signed_in(assessors[0].person)
    data = {"outcome": "green", "summary_en": "Good", "summary_cy": "Da"}
    first, again = lead.post(url, data), lead.post(url, data)
    assert first.status_code == again.status_code == 302
    assert Review.objects.get().status == "reported"


# --- Finding 5: double submits ---------------------------------------------------------------


def test_finding_5_starting_a_self_assessment_twice_makes_one_draft(service, criteria, editor):
    client = signed_in(editor)
    url = f"/en/standards/services/{service.public_id}/self-assessments/new/"
    token = page_token(client, url)
    first = client.post(url, {"phase": "alpha", "creation_token": token})
    again = client.post(url, {"phase": "alpha", "creation_token": token})
    draft = SelfAssessment.objects.get()
    assert first["Location"] == again["Location"] == f"/en/standards/self-assessments/{draft.pk}/"


def test_finding_5_starting_again_from_a_new_page_goes_to_the_open_draft(service, criteria, editor):
    client = signed_in(editor)
    url = f"/en/standards/services/{service.public_id}/self-assessments/new/"
    client.post(url, {"phase": "alpha", "creation_token": page_token(client, url)})
    response = client.post(url, {"phase": "beta", "creation_token": page_token(client, url)})
    draft = SelfAssessment.objects.get()
    assert response["Location"] == f"/en/standards/self-assessments/{draft.pk}/"
    follow = client.get(response["Location"])
    assert "already has a self-assessment in progress" in follow.content.decode()


def test_finding_5_the_database_allows_one_draft_per_service(self_assessment):
    with pytest.raises(IntegrityError):
        SelfAssessment.objects.create(
            service=self_assessment.service,
            phase="beta",
            standard_set=self_assessment.standard_set,
        )


def test_finding_5_a_submitted_self_assessment_leaves_room_for_a_new_draft(
    submitted_self_assessment, editor
):
    draft = actions.start_self_assessment(
        service=submitted_self_assessment.service, phase="beta", person=editor
    )
    assert draft.pk != submitted_self_assessment.pk
    assert SelfAssessment.objects.filter(status=SelfAssessmentStatus.DRAFT).count() == 1


def test_finding_5_a_start_without_a_token_is_refused_with_a_message(service, criteria, editor):
    client = signed_in(editor)
    url = f"/cy/standards/services/{service.public_id}/self-assessments/new/"
    response = client.post(url, {"phase": "alpha"})
    assert response.status_code == 200
    assert not SelfAssessment.objects.exists()
    assert "Mae problem" in response.content.decode()


def test_finding_5_actions_and_recommendations_are_added_once(
    review_in_progress, submitted_self_assessment, assessors, editor
):
    client = signed_in(editor)
    url = f"/en/standards/self-assessments/{submitted_self_assessment.pk}/standards/3/actions/new/"
    data = {
        "description": "Test with users",
        "owner": "Service owner",
        "due_day": "1",
        "due_month": "3",
        "due_year": "2030",
        "creation_token": page_token(client, url),
    }
    client.post(url, data)
    client.post(url, data)
    assert Action.objects.count() == 1

    panel = signed_in(assessors[0].person)
    url = f"/en/standards/reviews/{review_in_progress.pk}/report/recommendations/new/"
    data = {
        "standard": "12",
        "text_en": "Publish the measures",
        "text_cy": "Cyhoeddi'r mesurau",
        "creation_token": page_token(panel, url),
    }
    panel.post(url, data)
    panel.post(url, data)
    assert Recommendation.objects.count() == 1


def test_finding_5_asking_for_a_review_twice_makes_one_request(service, standard_set, editor):
    client = signed_in(editor)
    url = f"/en/standards/services/{service.public_id}/reviews/new/"
    data = {
        "phase": "beta",
        "preferred_dates": "Any Tuesday",
        "creation_token": page_token(client, url),
    }
    first, again = client.post(url, data), client.post(url, data)
    review = Review.objects.get()
    assert first["Location"] == again["Location"] == f"/en/standards/reviews/{review.pk}/"


def run_at_once(count: int, work) -> list:
    """Run `work` in `count` threads released together, each on its own connection."""
    start = threading.Barrier(count)
    results: list = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
        except BaseException as error:
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres_only
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_finding_5_five_concurrent_starts_make_one_self_assessment_draft(
    organisation, editor, standard_set
):
    from porth.register.tests.factories import ServiceAreaFactory, ServiceFactory

    service = ServiceFactory(
        organisation=organisation, service_area=ServiceAreaFactory(code="housing")
    )
    client = signed_in(editor)
    url = f"/en/standards/services/{service.public_id}/self-assessments/new/"
    token = page_token(client, url)

    def submit() -> str:
        again = Client()
        again.cookies = client.cookies
        return again.post(url, {"phase": "alpha", "creation_token": token})["Location"]

    results = run_at_once(5, submit)

    draft = SelfAssessment.objects.get()
    assert results == [f"/en/standards/self-assessments/{draft.pk}/"] * 5


@pytest.mark.postgres_only
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_finding_5_five_concurrent_starts_without_a_shared_token_still_make_one_draft(
    organisation, editor, standard_set
):
    from porth.register.tests.factories import ServiceAreaFactory, ServiceFactory

    service = ServiceFactory(
        organisation=organisation, service_area=ServiceAreaFactory(code="housing")
    )

    results = run_at_once(
        5,
        lambda: actions.start_self_assessment(service=service, phase="alpha", person=editor).pk,
    )

    assert results == [SelfAssessment.objects.get().pk] * 5
