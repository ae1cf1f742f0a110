"""Teams, centre staff and assessors work through the Digital Service Standards in a browser.

Each journey runs in both languages. Elements are found by role and label in the language of
the page, read from our own catalogues, as a screen reader user would find them.
"""

import datetime
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from porth.standards.models import Recommendation, Review, SelfAssessment

from .standards_data import make_team, signed_in_page, words

pytestmark = pytest.mark.browser


def _flash(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=True).first).to_be_visible()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_team_completes_and_submits_a_self_assessment_without_javascript(
    browser: Browser, site: str, language: str
) -> None:
    team = make_team()
    page = signed_in_page(browser, site, team.editor, language, javascript=False)
    (
        self_assessments,
        start_one,
        beta,
        start,
        met,
        save,
        check_and_submit,
        submit,
        submitted,
    ) = words(
        language,
        "Self-assessments of this service",
        "Start a self-assessment",
        "Beta",
        "Start",
        "Met",
        "Save and continue",
        "Check and submit",
        "Submit self-assessment",
        "Your self-assessment has been submitted",
    )

    page.goto(f"{site}/{language}/register/services/{team.service.public_id}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_role("link", name=self_assessments).click()
    page.get_by_role("button", name=start_one).click()
    page.get_by_role("radio", name=beta, exact=True).check()
    page.get_by_role("button", name=start, exact=True).click()

    for number in range(1, 13):
        page.get_by_role("link", name=re.compile(rf"^{number}\. ")).click()
        radios = page.get_by_role("radio", name=met, exact=True)
        # Waits for the page to arrive: count() alone reads whatever is there at that moment.
        expect(radios.first).to_be_visible()
        for index in range(radios.count()):
            radios.nth(index).check()
        page.get_by_label(words(language, "Evidence (optional)")[0]).first.fill(
            "Research report, March"
        )
        page.get_by_role("button", name=save, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            words(language, "Self-assessment")[0]
        )

    page.get_by_role("button", name=check_and_submit).click()
    page.get_by_role("button", name=submit, exact=True).click()
    _flash(page, submitted)
    page.context.close()

    (self_assessment,) = SelfAssessment.objects.all()
    assert self_assessment.status == "submitted" and self_assessment.phase == "beta"
    assert set(self_assessment.answers.values_list("rating", flat=True)) == {"met"}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_review_goes_from_request_to_a_published_report(
    browser: Browser, site: str, language: str
) -> None:
    team = make_team()
    service_page = f"{site}/{language}/register/services/{team.service.public_id}/"
    name = team.service.name_en if language == "en" else team.service.name_cy

    # The team asks for a review from the service's page in the register.
    team_page = signed_in_page(browser, site, team.editor, language)
    team_page.goto(service_page)
    team_page.get_by_role("link", name=words(language, "Ask for a review")[0]).click()
    team_page.get_by_role("radio", name=words(language, "Beta")[0], exact=True).check()
    team_page.get_by_label(words(language, "When could your team take part?")[0]).fill(
        "Any Tuesday in March"
    )
    team_page.get_by_role("button", name=words(language, "Send request")[0]).click()
    _flash(team_page, words(language, "Your request has been sent to the centre")[0])
    review = Review.objects.get()

    # Centre staff triage it and choose the panel.
    centre_page = signed_in_page(browser, site, team.centre_staff, language)
    centre_page.goto(f"{site}/{language}/standards/reviews/requests/")
    centre_page.get_by_role("link", name=name).click()
    centre_page.get_by_role("button", name=words(language, "Triage the request")[0]).click()
    centre_page.get_by_role(
        "radio", name=words(language, "Light-touch review")[0], exact=True
    ).check()
    review_day = datetime.date.today() + datetime.timedelta(days=14)
    day, month, year = words(language, "Day", "Month", "Year")
    centre_page.get_by_label(day, exact=True).fill(str(review_day.day))
    centre_page.get_by_label(month, exact=True).fill(str(review_day.month))
    centre_page.get_by_label(year, exact=True).fill(str(review_day.year))
    centre_page.get_by_role("button", name=words(language, "Save and continue")[0]).click()
    lead = team.assessors[0]
    centre_page.get_by_role("checkbox", name=str(lead)).check()
    centre_page.get_by_role("radio", name=str(lead)).check()
    centre_page.get_by_role("button", name=words(language, "Save panel")[0]).click()
    _flash(centre_page, words(language, "The panel has been told")[0])
    centre_page.context.close()

    # The lead assessor records an outcome for every standard, a recommendation and the report.
    lead_page = signed_in_page(browser, site, lead.person, language)
    review_url = f"{site}/{language}/standards/reviews/{review.pk}/"
    green, amber = words(language, "Green", "Amber")
    for number in range(1, 13):
        lead_page.goto(review_url)
        lead_page.get_by_role("link", name=re.compile(rf"^\D*{number}: ")).click()
        lead_page.get_by_role("radio", name=amber if number == 5 else green, exact=True).check()
        if number == 5:
            lead_page.get_by_label(words(language, "What to improve, in English")[0]).fill(
                "Test with people who use screen readers."
            )
            lead_page.get_by_label(words(language, "What to improve, in Welsh")[0]).fill(
                "Profi gyda phobl sy'n defnyddio darllenwyr sgrin."
            )
        lead_page.get_by_role("button", name=words(language, "Save outcome")[0]).click()
        # Wait for the redirect, so the next page is not asked for while the save is in flight.
        lead_page.wait_for_url(review_url)
    lead_page.goto(review_url)
    lead_page.get_by_role("link", name=words(language, "Add a recommendation")[0]).click()
    lead_page.get_by_label(words(language, "Standard")[0], exact=True).select_option("5")
    lead_page.get_by_label(words(language, "Recommendation in English")[0]).fill(
        "Test the service with screen reader users"
    )
    lead_page.get_by_label(words(language, "Recommendation in Welsh")[0]).fill(
        "Profi'r gwasanaeth gyda defnyddwyr darllenwyr sgrin"
    )
    lead_page.get_by_role("button", name=words(language, "Add recommendation")[0]).click()
    lead_page.get_by_role("link", name=words(language, "Submit the report to the team")[0]).click()
    lead_page.get_by_role("radio", name=amber, exact=True).check()
    lead_page.get_by_label(words(language, "Summary in English")[0]).fill(
        "A clear service; accessibility testing is still to do."
    )
    lead_page.get_by_label(words(language, "Summary in Welsh")[0]).fill(
        "Gwasanaeth clir; mae profion hygyrchedd i'w gwneud o hyd."
    )
    lead_page.get_by_role("button", name=words(language, "Submit report")[0]).click()
    _flash(lead_page, words(language, "The report has been sent to the team")[0])
    lead_page.context.close()

    # The team accepts it, which publishes it.
    team_page.goto(review_url)
    team_page.get_by_role(
        "button", name=words(language, "Accept or challenge the report")[0]
    ).click()
    team_page.get_by_role(
        "radio", name=words(language, "Yes, accept it and publish it")[0], exact=True
    ).check()
    team_page.get_by_role("button", name=words(language, "Send response")[0]).click()
    _flash(team_page, words(language, "The report is accepted and published")[0])
    team_page.context.close()

    # Anyone finds it among the published reports, and on the service's page with its action.
    public_page = signed_in_page(browser, site, None, language)
    public_page.goto(f"{site}/{language}/standards/reviews/")
    public_page.get_by_role("link", name=name).click()
    expect(public_page.get_by_role("heading", level=1)).to_have_text(
        words(language, "Review report")[0]
    )
    public_page.goto(service_page)
    expect(
        public_page.locator(f'a[href="/{language}/standards/reviews/{review.pk}/"]')
    ).to_be_visible()
    action = (
        "Test the service with screen reader users"
        if language == "en"
        else "Profi'r gwasanaeth gyda defnyddwyr darllenwyr sgrin"
    )
    expect(public_page.get_by_role("cell", name=action)).to_be_visible()
    public_page.context.close()

    review.refresh_from_db()
    assert review.status == "published"
    # No due date given: three months after the review.
    assert Recommendation.objects.get().due_on >= review_day + datetime.timedelta(days=89)
