import pytest

from porth.standards.actions import respond_to_report
from porth.standards.queries import organisation_dashboard, wales_statistics


def test_a_bodys_dashboard_shows_the_latest_ratings_per_standard(
    submitted_self_assessment, reported_review, organisation, editor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        (row,) = organisation_dashboard(organisation, editor)
    assert row.self_assessment == submitted_self_assessment
    assert row.self_assessment_ratings[2] == "partly_met"  # standard 3
    assert row.self_assessment_ratings[10] == "not_met"  # standard 11
    assert row.review == reported_review
    assert row.review_ratings == ["green"] * 12


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_dashboard_is_for_the_bodys_own_people(
    client, member, outsider, organisation, submitted_self_assessment, language
):
    url = f"/{language}/standards/organisations/{organisation.slug}/"
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text


def test_statistics_across_wales_count_services_reports_and_closed_recommendations(
    reported_review, editor, other_service
):
    before = wales_statistics()
    assert (before["services"], before["self_assessed"], before["reviewed"]) == (2, 1, 0)
    respond_to_report(review=reported_review, accept=True, reason="", person=editor)
    after = wales_statistics()
    assert after["reviewed"] == 1 and after["reports"] == 1
    assert after["per_standard"][4] == {"green": 1, "amber": 0, "red": 0}
    assert wales_statistics(body_type="police_force")["reports"] == 0


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_statistics_page_shows_each_chart_with_its_table(client, reported_review, language):
    response = client.get(f"/{language}/standards/statistics/", {"body_type": "nonsense"})
    assert response.status_code == 200
    assert response.text.count('role="img"') == 2
    assert response.text.count("<table") == 2
