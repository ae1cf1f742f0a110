"""Fixtures shared by the open data tests: a published review report and what it needs."""

import pytest

from porth.standards.actions import respond_to_report
from porth.standards.tests.conftest import (  # noqa: F401 (fixtures)
    assessors,
    criteria,
    review_in_progress,
    self_assessment,
    send_report_with_recommendation,
    service,
    standard_rows,
    standard_set,
    submitted_self_assessment,
)


@pytest.fixture
def reported(review_in_progress, assessors):  # noqa: F811
    """A report with the team, not published; its summary looks like a spreadsheet formula."""
    return send_report_with_recommendation(
        review_in_progress,
        assessors[0].person,
        text_en="Test with people who use assistive technology",
        summary_en='=HYPERLINK("https://example.com")',
    )


@pytest.fixture
def published(reported, editor):
    return respond_to_report(review=reported, accept=True, reason="", person=editor)
