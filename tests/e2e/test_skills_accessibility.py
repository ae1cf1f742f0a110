"""Every other page of the skills app meets WCAG 2.2 A/AA as far as axe-core can tell, in both
languages, for the person who would use it: aggregates for an organisation admin and centre
staff, the capability self-assessment and its section on the organisation's page, and the
pages for organisations not in the list."""

import pytest
from playwright.sync_api import Browser

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.skills import actions
from porth.skills.tests.helpers import finished_assessment

from .standards_data import signed_in_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_skills_pages_for_admins_and_centre_staff_pass_axe(
    browser: Browser, site: str, settings, axe_check, language: str
):
    cardiff = Organisation.objects.get(slug="cardiff")
    admin = MembershipFactory(organisation=cardiff, role=Role.ADMIN).person
    for _ in range(5):
        finished_assessment(MembershipFactory(organisation=cardiff).person, context="health")
    person = UserFactory()
    mine = finished_assessment(person)
    named = actions.request_organisation(person=person, name="Example Trust")
    staff = CentreStaffFactory()
    base = f"{site}/{language}"

    pages = [
        (admin, f"{base}/skills/organisations/cardiff/capability/"),
        (admin, f"{base}/skills/organisations/cardiff/"),
        (person, f"{base}/skills/my-organisation/"),
        (person, f"{base}/skills/{mine.pk}/delete/"),
        (staff, f"{base}/skills/aggregates/"),
        (staff, f"{base}/skills/organisation-requests/"),
        (staff, f"{base}/skills/organisation-requests/{named.pk}/"),
    ]
    for who, url in pages:
        page = signed_in_page(browser, site, who, language)
        try:
            page.goto(url)
            axe_check(page)
            if url.endswith("/capability/"):
                # Saved with nothing chosen: the errors, then filled in, the organisation page.
                page.locator("form button[type=submit]").click()
                axe_check(page)
                for radio in page.locator('input[type=radio][value="2"]').all():
                    radio.check()
                for box in page.locator("textarea").all():
                    box.fill("A plan for this year")
                page.locator("form button[type=submit]").click()
                page.wait_for_url(f"{base}/organisations/cardiff/")
                assert page.locator('a[href*="/learning/?skill="]').count() > 0
                axe_check(page)
        finally:
            page.context.close()
