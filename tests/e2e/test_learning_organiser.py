"""An organiser adds a session to a course and publishes it, in each language, checked with
axe: the form explains a mistake and keeps what was typed, and the published session then
appears in the public catalogue."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.learning import actions
from porth.learning.tests.factories import CourseFactory

from .steps import fill_date, sign_in_as

pytestmark = [pytest.mark.browser]

WORDS = {
    "en": {
        "courses": "Courses you organise",
        "add": "Add a session",
        "start": "Start time",
        "end": "End time",
        "bilingual": "Bilingual",
        "link": "Online joining link (optional for sessions in person)",
        "places": "Number of places",
        "open": "Anyone in the Welsh public sector",
        "publish": "Publish this session now",
        "save": "Save session",
        "problem": "There is a problem",
        "end_error": "The end time must be after the start time",
        "published": "The session has been published.",
    },
    "cy": {
        "courses": "Cyrsiau rydych chi'n eu trefnu",
        "add": "Ychwanegu sesiwn",
        "start": "Amser dechrau",
        "end": "Amser gorffen",
        "bilingual": "Dwyieithog",
        "link": "Dolen ymuno ar-lein (dewisol ar gyfer sesiynau wyneb yn wyneb)",
        "places": "Nifer y lleoedd",
        "open": "Unrhyw un yn sector cyhoeddus Cymru",
        "publish": "Cyhoeddi'r sesiwn hon nawr",
        "save": "Cadw'r sesiwn",
        "problem": "Mae problem",
        "end_error": "Rhaid i’r amser gorffen fod ar ôl yr amser dechrau",
        "published": "Mae'r sesiwn wedi'i chyhoeddi.",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_organiser_publishes_a_session_that_appears_in_the_catalogue(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    course = CourseFactory(title_en="Service design basics", title_cy="Hanfodion dylunio")
    title = course.title_en if language == "en" else course.title_cy
    organiser = UserFactory()
    actions.grant_organiser(person=organiser, by=CentreStaffFactory())
    sign_in_as(page, site, organiser)

    page.goto(f"{site}/{language}/learning/courses/")
    expect(page.get_by_role("heading", name=words["courses"])).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name=words["add"]).click()
    axe_check(page)

    fill_date(page, "date", (timezone.now() + datetime.timedelta(days=30)).date())
    page.get_by_label(words["start"]).fill("10:00")
    page.get_by_label(words["end"]).fill("09:00")
    page.get_by_label(words["bilingual"], exact=True).check()
    page.get_by_label(words["link"]).fill("https://meet.example.org/abc")
    page.get_by_label(words["places"]).fill("25")
    page.get_by_label(words["open"]).check()
    page.get_by_label(words["publish"]).check()
    page.get_by_role("button", name=words["save"]).click()

    expect(page.get_by_role("heading", name=words["problem"])).to_be_visible()
    expect(page.get_by_role("link", name=words["end_error"])).to_be_visible()
    expect(page.get_by_label(words["places"])).to_have_value("25")
    axe_check(page)
    page.get_by_label(words["end"]).fill("11:30")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_text(words["published"])).to_be_visible()
    axe_check(page)

    page.context.clear_cookies()
    page.goto(f"{site}/{language}/learning/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
