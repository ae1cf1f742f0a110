"""An engagement's links to standards reviews, in each language, each page checked with axe-core.

Centre staff link a published review of the engagement's service from the engagement's form;
a visitor who is not signed in sees the link on the public page and follows it to the review.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory
from porth.engagements.tests.factories import EngagementFactory
from porth.organisations.models import Organisation
from porth.register.tests.factories import ServiceFactory
from porth.standards.models import Review, ReviewStatus
from porth.standards.tests.factories import StandardSetFactory
from tests.e2e.steps import sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "change": "Change the engagement",
        "save": "Save",
        "review": "Blue badge applications: Beta review",
    },
    "cy": {
        "change": "Newid yr ymgysylltiad",
        "save": "Cadw",
        "review": "Blue badge applications: adolygiad Beta",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_link_a_published_review_that_the_public_follows(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    body = Organisation.objects.get(slug="cardiff")
    service = ServiceFactory(
        organisation=body, name_en="Blue badge applications", name_cy="Blue badge applications"
    )
    review = Review.objects.create(
        service=service,
        phase="beta",
        standard_set=StandardSetFactory(),
        preferred_dates="Any Tuesday",
        status=ReviewStatus.PUBLISHED,
        review_type="full_panel",
        review_date=datetime.date(2024, 9, 10),
        published_at=timezone.now(),
        outcome="green",
        summary_en="The team met the standards.",
        summary_cy="Roedd y tîm wedi bodloni'r safonau.",
    )
    engagement = EngagementFactory(partners=[body])
    engagement.services.add(service)

    sign_in_as(page, site, CentreStaffFactory())
    page.goto(f"{site}/{language}/our-work/{engagement.pk}/")
    page.get_by_role("button", name=words["change"]).click()
    axe_check(page)
    page.get_by_role("checkbox", name=re.compile("Blue badge applications")).check()
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("link", name=words["review"])).to_be_visible()
    axe_check(page)

    page.context.clear_cookies()
    page.goto(f"{site}/{language}/our-work/{engagement.pk}/")
    page.get_by_role("link", name=words["review"]).click()
    expect(page).to_have_url(f"{site}/{language}/standards/reviews/{review.pk}/")
    axe_check(page)
