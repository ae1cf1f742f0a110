"""The standards' section of a body's page: its published reports and self-assessments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from porth.standards.actions import respond_to_report, set_self_assessment_published


@pytest.fixture
def published_report(reported_review, editor):
    return respond_to_report(review=reported_review, accept=True, reason="", person=editor)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_bodys_page_lists_its_published_reports_and_self_assessments(
    client, published_report, submitted_self_assessment, editor, organisation, language
):
    set_self_assessment_published(
        self_assessment=submitted_self_assessment, is_published=True, by=editor
    )

    page = client.get(f"/{language}/organisations/{organisation.slug}/").text

    assert f"/{language}/standards/reviews/{published_report.pk}/" in page
    service = published_report.service
    assert f"/{language}/standards/services/{service.public_id}/self-assessments/" in page
    assert (service.name_en if language == "en" else service.name_cy) in page
    heading = "Standards and reviews" if language == "en" else "Safonau ac adolygiadau"
    assert heading in page


def test_a_report_not_yet_published_is_not_on_the_bodys_page(client, reported_review, organisation):
    page = client.get(f"/en/organisations/{organisation.slug}/").text

    assert f"/en/standards/reviews/{reported_review.pk}/" not in page
    assert "No review reports published yet." in page


def test_only_the_bodys_people_get_the_link_to_its_standards_summary(
    client, organisation, member, outsider
):
    summary = f"/en/standards/organisations/{organisation.slug}/"
    url = f"/en/organisations/{organisation.slug}/"
    assert summary not in client.get(url).text
    client.force_login(outsider)
    assert summary not in client.get(url).text
    client.force_login(member)
    assert summary in client.get(url).text


def test_the_bodys_page_makes_the_same_number_of_queries_however_many_reports(
    client, published_report, organisation
):
    from porth.register.tests.factories import ServiceFactory

    url = f"/en/organisations/{organisation.slug}/"
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    before = len(context.captured_queries)
    ServiceFactory.create_batch(3, organisation=organisation)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    assert len(context.captured_queries) == before
