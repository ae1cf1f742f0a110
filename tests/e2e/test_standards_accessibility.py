"""Every page of the Digital Service Standards meets WCAG 2.2 A/AA as far as axe-core can tell,
in both languages, for the person who would use it: the manual and the public reports for
anyone, self-assessments and review requests for the team, the report for the lead assessor,
triage and the panel for centre staff.
"""

import datetime
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from porth.register.tests.factories import ServiceFactory
from porth.standards.actions import (
    assign_panel,
    request_review,
    respond_to_report,
    seed_manual,
    start_self_assessment,
    submit_self_assessment,
    triage_review,
)
from porth.standards.actions.manual import read_manual_content
from porth.standards.models import (
    ExampleIndexPage,
    ExamplePage,
    GuidancePage,
    ManualIndexPage,
)
from porth.standards.tests.conftest import (
    answer_everything,
    give_every_outcome,
    send_report_with_recommendation,
)

from .standards_data import make_team, session_cookie, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Seeding the manual runs wagtail-localize for every page: two standards are enough to check.
MANUAL_STANDARDS = {1, 5}


def _wagtail_path(model, language: str, **filters) -> str:
    page = model.objects.filter(locale__language_code=language, **filters).first()
    return page.url


def _review_with_panel(service, phase: str, editor, lead):
    """A light-touch review, requested by the team, with `lead` alone on its panel."""
    review = request_review(service=service, phase=phase, preferred_dates="Any", person=editor)
    triage_review(review=review, review_type="light_touch", review_date=datetime.date(2026, 3, 10))
    return assign_panel(review=review, assessors=[lead], lead=lead)


@pytest.fixture(scope="module")
def standards_site(read_only_site: str, django_db_blocker) -> Iterator[dict]:
    """The manual, a submitted and a draft self-assessment, a published report and a review
    with its panel; returns the people and each page's address in each language."""
    with django_db_blocker.unblock():
        team = make_team()
        content = read_manual_content()
        content["standards"] = [
            item for item in content["standards"] if item["number"] in MANUAL_STANDARDS
        ]
        seed_manual(content=content)
        service, editor, lead = team.service, team.editor, team.assessors[0]
        submitted = start_self_assessment(service=service, phase="beta", person=editor)
        answer_everything(submitted, s3="partly_met")
        submit_self_assessment(self_assessment=submitted, person=editor)
        published = _review_with_panel(service, "beta", editor, lead)
        send_report_with_recommendation(published, lead.person)
        respond_to_report(review=published, accept=True, reason="", person=editor)

        second = ServiceFactory(organisation=service.organisation)
        draft = start_self_assessment(service=second, phase="alpha", person=editor)
        answer_everything(draft)
        in_review = _review_with_panel(second, "alpha", editor, lead)
        give_every_outcome(in_review, lead.person)
        # A report waiting for the team's answer, and one the team has challenged.
        reported = _review_with_panel(
            ServiceFactory(organisation=service.organisation), "live", editor, lead
        )
        send_report_with_recommendation(reported, lead.person)
        challenged = _review_with_panel(
            ServiceFactory(organisation=service.organisation), "beta", editor, lead
        )
        send_report_with_recommendation(challenged, lead.person)
        respond_to_report(
            review=challenged, accept=False, reason="The panel missed our research", person=editor
        )
        pages = {
            language: {
                "manual": (None, _wagtail_path(ManualIndexPage, language)),
                # A standard's guidance page redirects to the standard's page, checked below.
                "manual guidance": (None, _wagtail_path(GuidancePage, language)),
                "examples": (None, _wagtail_path(ExampleIndexPage, language)),
                "example": (None, _wagtail_path(ExamplePage, language)),
            }
            for language in ("en", "cy")
        }
        people = {"team": editor, "lead": lead.person, "centre": team.centre_staff}
        yield {
            # Signed in here, outside any test's transaction, so the live server sees them.
            "sessions": {role: session_cookie(person) for role, person in people.items()},
            "wagtail": pages,
            "ids": {
                "service": service.public_id,
                "second": second.public_id,
                "submitted": submitted.pk,
                "draft": draft.pk,
                "published": published.pk,
                "in_review": in_review.pk,
                "reported": reported.pk,
                "challenged": challenged.pk,
                "organisation": service.organisation.slug,
            },
        }


PAGES = {
    "standards": (None, "standards/"),
    "standard, with its guidance": (None, "standards/5/"),
    "reports": (None, "standards/reviews/"),
    "published report": (None, "standards/reviews/{published}/"),
    "statistics": (None, "standards/statistics/"),
    "service with its reports": (None, "register/services/{service}/"),
    "service, for its team": ("team", "register/services/{service}/"),
    "self-assessments": ("team", "standards/self-assessments/"),
    "self-assessments of a service": ("team", "standards/services/{service}/self-assessments/"),
    "start a self-assessment": ("team", "standards/services/{second}/self-assessments/new/"),
    "task list": ("team", "standards/self-assessments/{draft}/"),
    "a standard's questions": ("team", "standards/self-assessments/{draft}/standards/5/"),
    "summary": ("team", "standards/self-assessments/{submitted}/summary/"),
    "check and submit": ("team", "standards/self-assessments/{draft}/submit/"),
    "add an action": ("team", "standards/self-assessments/{draft}/standards/5/actions/new/"),
    "request a review": ("team", "standards/services/{service}/reviews/new/"),
    "accept or challenge a report": ("team", "standards/reviews/{reported}/respond/"),
    "resolve a challenge": ("centre", "standards/reviews/{challenged}/challenge/"),
    "review, for the team": ("team", "standards/reviews/{in_review}/"),
    "body dashboard": ("team", "standards/organisations/{organisation}/"),
    "review, for the panel": ("lead", "standards/reviews/{in_review}/"),
    "outcome for a standard": ("lead", "standards/reviews/{in_review}/report/standards/5/"),
    "add a recommendation": ("lead", "standards/reviews/{in_review}/report/recommendations/new/"),
    "submit the report": ("lead", "standards/reviews/{in_review}/report/submit/"),
    "assessor profile": ("lead", "standards/assessor/"),
    "review requests": ("centre", "standards/reviews/requests/"),
    "triage": ("centre", "standards/reviews/{in_review}/triage/"),
    "panel": ("centre", "standards/reviews/{in_review}/panel/"),
    "manual feedback": ("centre", "standards/feedback/responses/"),
}
WAGTAIL_PAGES = ["manual", "manual guidance", "examples", "example"]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", [*WAGTAIL_PAGES, *PAGES])
def test_standards_page_has_no_wcag_violation(
    browser: Browser, standards_site: dict, read_only_site: str, language: str, name: str, axe_check
) -> None:
    if name in WAGTAIL_PAGES:
        person, path = standards_site["wagtail"][language][name]
    else:
        person, template = PAGES[name]
        path = f"/{language}/" + template.format(**standards_site["ids"])
    session = standards_site["sessions"].get(person)
    page = signed_in_page(browser, read_only_site, None, language, session=session)
    try:
        response = page.goto(read_only_site + path)
        assert response is not None and response.status == 200, (
            f"{name} ({path}) answered {response and response.status}"
        )
        # Not sent to sign in (or elsewhere) on the way.
        assert page.url == read_only_site + path, f"{name} ({path}) went to {page.url}"
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)
    finally:
        page.context.close()
