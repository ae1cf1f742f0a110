"""A skills self-assessment in each language: start it, rate some skills, save, come back,
finish and see the gaps linked to courses. Every page is checked with axe-core.

Each gap's link opens the learning app's course catalogue, filtered to that skill.
"""

import re

import pytest
from playwright.sync_api import Browser, expect

from porth.accounts.tests.factories import UserFactory
from porth.skills.framework import current

from .standards_data import signed_in_page, words

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_person_does_a_skills_self_assessment_saves_comes_back_and_sees_gaps_linked_to_courses(
    browser: Browser, site: str, settings, axe_check, language: str
):
    person = UserFactory(preferred_language=language)
    skills = [r.skill.code for r in current().contexts["social-care"].requirements]
    (
        start,
        save_later,
        cont,
        finish,
        gaps,
        saved,
        framework_link,
    ) = words(
        language,
        "Start a skills self-assessment",
        "Save and come back later",
        "Continue",
        "Finish and see your result",
        "Your gaps",
        "Your answers are saved. You can come back and finish at any time.",
        "Read the skills framework (version %(version)s)",
    )

    page = signed_in_page(browser, site, person, language)
    try:
        page.goto(f"{site}/{language}/skills/")
        axe_check(page)
        page.get_by_role("link", name=framework_link % {"version": "1.0"}).click()
        axe_check(page)
        page.go_back()

        page.get_by_role("button", name=start).click()
        axe_check(page)
        # Nothing chosen: a bilingual error, and the page still works.
        page.get_by_role("button", name=cont).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        axe_check(page)
        page.locator('input[name="context"][value="social-care"]').check()
        page.get_by_role("button", name=cont).click()

        axe_check(page)
        page.locator(f'input[name="{skills[0]}"][value="3"]').check()
        page.locator(f'input[name="{skills[1]}"][value="1"]').check()
        page.get_by_role("button", name=save_later).click()
        expect(page.get_by_text(saved)).to_be_visible()
        axe_check(page)

        # Come back later, in a new visit.
        page.goto(f"{site}/{language}/skills/")
        page.get_by_role("link", name=cont).first.click()
        expect(page.locator(f'input[name="{skills[0]}"][value="3"]')).to_be_checked()
        page.get_by_role("button", name=finish).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        axe_check(page)
        for code in skills[2:]:
            page.locator(f'input[name="{code}"][value="2"]').check()
        page.get_by_role("button", name=finish).click()

        expect(page.get_by_role("heading", name=gaps)).to_be_visible()
        axe_check(page)
        link = page.locator(f'a[href$="/learning/?skill={skills[1]}"]')
        expect(link).to_have_count(1)
        link.click()
        expect(page).to_have_url(re.compile(rf"/learning/\?skill={re.escape(skills[1])}$"))
        axe_check(page)
    finally:
        page.context.close()
