"""Recordings and materials in each language, checked with axe: an organiser adds a recording
to a past session; a person who came sees it on the session's page; a person who booked but
did not come does not."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.learning.models import Booking, BookingStatus
from porth.learning.tests.factories import CourseFactory, SessionFactory

from .standards_data import session_cookie

pytestmark = [pytest.mark.browser]

WORDS = {
    "en": {
        "manage": "Manage this session",
        "materials": "Recordings and materials",
        "recording": "Recording",
        "title_en": "Title in English",
        "title_cy": "Title in Welsh",
        "link": "Web address of the material",
        "bilingual": "Bilingual",
        "add": "Add material",
        "added": "The material has been added.",
    },
    "cy": {
        "manage": "Rheoli'r sesiwn hon",
        "materials": "Recordiadau a deunyddiau",
        "recording": "Recordiad",
        "title_en": "Teitl yn Saesneg",
        "title_cy": "Teitl yn Gymraeg",
        "link": "Cyfeiriad gwe'r deunydd",
        "bilingual": "Dwyieithog",
        "add": "Ychwanegu deunydd",
        "added": "Mae'r deunydd wedi'i ychwanegu.",
    },
}


def _sign_in(page: Page, site: str, person) -> None:
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie(person), "url": site}]
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_attendee_sees_the_recording_and_a_non_attendee_does_not(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    now = timezone.now()
    session = SessionFactory(
        course=CourseFactory(title_en="Data for leaders", title_cy="Data i arweinwyr"),
        starts_at=now - datetime.timedelta(days=2),
        booking_opens_at=now - datetime.timedelta(days=30),
        booking_closes_at=now - datetime.timedelta(days=3),
    )
    came, absent = UserFactory(), UserFactory()
    for person, attended in ((came, True), (absent, False)):
        Booking.objects.create(
            session=session,
            person=person,
            status=BookingStatus.CONFIRMED,
            participation_language="en",
            attended=attended,
        )

    _sign_in(page, site, CentreStaffFactory())
    page.goto(f"{site}/{language}/learning/sessions/{session.pk}/")
    page.get_by_role("link", name=words["manage"]).click()
    page.get_by_role("link", name=words["materials"]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_label(words["recording"], exact=True).check()
    page.get_by_label(words["title_en"]).fill("Recording of the session")
    page.get_by_label(words["title_cy"]).fill("Recordiad y sesiwn")
    page.get_by_label(words["link"], exact=True).fill("https://video.example.org/session-1")
    page.get_by_label(words["bilingual"], exact=True).check()
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_text(words["added"])).to_be_visible()
    axe_check(page)

    title = "Recording of the session" if language == "en" else "Recordiad y sesiwn"
    _sign_in(page, site, came)
    page.goto(f"{site}/{language}/learning/sessions/{session.pk}/")
    expect(page.get_by_role("heading", name=words["materials"])).to_be_visible()
    link = page.get_by_role("link", name=title)
    expect(link).to_have_attribute("href", "https://video.example.org/session-1")
    axe_check(page)

    _sign_in(page, site, absent)
    page.goto(f"{site}/{language}/learning/sessions/{session.pk}/")
    expect(page.get_by_role("heading", name=words["materials"])).to_have_count(0)
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    axe_check(page)
