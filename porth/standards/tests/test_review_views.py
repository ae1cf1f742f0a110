import pytest
from django.utils.html import escape

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.standards.models import Recommendation, Review, ReviewStatus, StandardOutcome

from .conftest import give_every_outcome, post_with_token


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_review_goes_from_request_to_published_report(
    client, language, editor, centre_staff, assessors, submitted_self_assessment, service
):
    base = f"/{language}/standards"
    client.force_login(editor)
    response = post_with_token(
        client,
        f"{base}/services/{service.public_id}/reviews/new/",
        {"phase": "beta", "preferred_dates": "Any Tuesday in March"},
    )
    review = Review.objects.get()
    assert response["Location"] == f"{base}/reviews/{review.pk}/"
    assert review.self_assessment == submitted_self_assessment

    client.force_login(centre_staff)
    assert client.get(f"{base}/reviews/requests/").status_code == 200
    client.post(
        f"{base}/reviews/{review.pk}/triage/",
        {"review_type": "full_panel", "date_day": "9", "date_month": "3", "date_year": "2027"},
    )
    ids = [str(assessor.pk) for assessor in assessors[:3]]
    client.post(f"{base}/reviews/{review.pk}/panel/", {"assessors": ids, "lead": ids[0]})
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW

    client.force_login(assessors[1].person)
    assert (
        client.get(
            f"/{language}/standards/self-assessments/{submitted_self_assessment.pk}/summary/"
        ).status_code
        == 200
    )
    response = client.post(
        f"{base}/reviews/{review.pk}/report/standards/12/",
        {"rating": "amber", "went_well_en": "Good data", "went_well_cy": "Data da"},
    )
    assert response.status_code == 200  # amber needs what to improve, in both languages
    client.post(
        f"{base}/reviews/{review.pk}/report/standards/12/",
        {
            "rating": "amber",
            "to_improve_en": "Publish the measures",
            "to_improve_cy": "Cyhoeddi'r mesurau",
        },
    )
    assert StandardOutcome.objects.get().rating == "amber"
    post_with_token(
        client,
        f"{base}/reviews/{review.pk}/report/recommendations/new/",
        {"standard": "12", "text_en": "Publish the measures", "text_cy": "Cyhoeddi'r mesurau"},
    )
    assert Recommendation.objects.count() == 1
    give_every_outcome(review, assessors[1].person)
    assert client.get(f"{base}/reviews/{review.pk}/report/submit/").status_code == 403  # not lead

    client.force_login(assessors[0].person)
    client.post(
        f"{base}/reviews/{review.pk}/report/submit/",
        {"outcome": "amber", "summary_en": "Strong service", "summary_cy": "Gwasanaeth cryf"},
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.REPORTED

    client.force_login(editor)
    page = client.get(f"{base}/reviews/{review.pk}/")
    summary, respond = {
        "en": ("Strong service", "Accept or challenge the report"),
        "cy": ("Gwasanaeth cryf", "Derbyn neu herio’r adroddiad"),
    }[language]
    assert summary in page.text
    assert escape(respond) in page.text
    client.post(f"{base}/reviews/{review.pk}/respond/", {"response": "accept"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED

    client.logout()
    listed = client.get(f"{base}/reviews/")
    assert escape(service.name_cy if language == "cy" else service.name_en) in listed.text
    assert client.get(f"{base}/reviews/{review.pk}/").status_code == 200


def test_the_panel_form_refuses_an_assessor_with_a_conflict(
    client, centre_staff, review_in_progress, assessors, conflicted
):
    client.force_login(centre_staff)
    ids = [str(assessor.pk) for assessor in assessors]
    response = client.post(
        f"/en/standards/reviews/{review_in_progress.pk}/panel/", {"assessors": ids, "lead": ids[0]}
    )
    assert response.status_code == 200
    assert "has a conflict of interest" in response.text
    assert review_in_progress.panel.count() == 3


def test_the_report_list_filters_by_standard_outcome_phase_type_and_year(
    client, reported_review, editor
):
    from porth.standards.actions import respond_to_report

    respond_to_report(review=reported_review, accept=True, reason="", person=editor)
    url = "/en/standards/reviews/"
    year = str(reported_review.published_at.year)
    assert len(client.get(url).context["reports"]) == 1
    assert len(client.get(url, {"outcome": "amber", "year": year}).context["reports"]) == 1
    assert len(client.get(url, {"outcome": "red"}).context["reports"]) == 0
    assert len(client.get(url, {"standard": "4", "outcome": "green"}).context["reports"]) == 1
    assert len(client.get(url, {"phase": "alpha"}).context["reports"]) == 0
    assert len(client.get(url, {"body_type": "police_force"}).context["reports"]) == 0
    assert len(client.get(url, {"q": reported_review.service.public_id}).context["reports"]) == 1


def test_an_unpublished_report_is_invisible_to_other_bodies_and_the_public(
    client, reported_review, outsider
):
    url = f"/en/standards/reviews/{reported_review.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.get("/en/standards/reviews/").context["reports"].count() == 0


@pytest.fixture
def other_editor(other_organisation):
    return MembershipFactory(organisation=other_organisation, role=Role.EDITOR).person


def test_every_review_route_refuses_the_wrong_people(
    client, reported_review, other_editor, assessors, service
):
    recommendation = Recommendation.objects.create(
        review=reported_review,
        standard=reported_review.standard_set.standards.get(number=1),
        text_en="x",
        text_cy="x",
        due_on="2027-06-01",
    )
    base = f"/en/standards/reviews/{reported_review.pk}"
    team_routes = [
        f"/en/standards/services/{service.public_id}/reviews/new/",
        f"{base}/respond/",
        f"{base}/recommendations/{recommendation.pk}/",
        f"{base}/history/",
    ]
    staff_routes = [
        "/en/standards/reviews/requests/",
        f"{base}/triage/",
        f"{base}/panel/",
        f"{base}/challenge/",
    ]
    panel_routes = [
        f"{base}/report/standards/1/",
        f"{base}/report/recommendations/new/",
        f"{base}/report/submit/",
    ]
    for url in team_routes + staff_routes + panel_routes:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(other_editor)
    for url in team_routes + staff_routes + panel_routes:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    client.force_login(assessors[3].person)  # an assessor, but not on this panel
    for url in panel_routes:
        assert client.get(url).status_code == 403, url


def test_an_assessor_keeps_their_details_and_conflicts_up_to_date(client, assessors, organisation):
    client.force_login(assessors[2].person)
    response = client.post(
        "/cy/standards/assessor/",
        {
            "disciplines": ["technology", "design"],
            "works_in_welsh": "on",
            "conflicts": [organisation.pk],
        },
    )
    assert response.status_code == 302
    assessors[2].refresh_from_db()
    assert assessors[2].disciplines == ["design", "technology"]
    assert list(assessors[2].conflicts.values_list("organisation", flat=True)) == [organisation.pk]


def test_people_outside_the_pool_have_no_assessor_page(client, person):
    client.force_login(person)
    assert client.get("/en/standards/assessor/").status_code == 404


def test_centre_staff_add_an_assessor_in_the_admin_by_ticking_disciplines(admin_client, person):
    response = admin_client.post(
        "/cms/assessors/new/",
        {"person": person.pk, "disciplines": ["user_research", "design"], "is_active": "on"},
    )
    assert response.status_code == 302
    assert person.assessor.disciplines == ["user_research", "design"]
    assert admin_client.get(f"/cms/assessors/edit/{person.assessor.pk}/").status_code == 200


def test_published_reports_become_open_data_records_in_both_languages(
    reported_review, editor, django_assert_max_num_queries
):
    from porth.standards.actions import respond_to_report
    from porth.standards.queries import report_records

    assert report_records() == []
    respond_to_report(review=reported_review, accept=True, reason="", person=editor)
    with django_assert_max_num_queries(4):
        (record,) = report_records()
    assert record["service_id"] == reported_review.service.public_id
    assert record["outcome"] == "amber" and record["standard_7"] == "green"
    assert record["summary_cy"].startswith("Gwasanaeth cryf")
    assert record["standards_version"] == "1.0"
