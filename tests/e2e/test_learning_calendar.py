"""The private calendar feed in each language, checked with axe: from your bookings to the
subscribe link, the feed downloads as text/calendar with the booked session, and resetting the
address stops the old one."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import UserFactory
from porth.learning import actions
from porth.learning.tests.factories import CourseFactory, SessionFactory

from .standards_data import session_cookie

pytestmark = [pytest.mark.browser]

WORDS = {
    "en": {
        "calendar_link": "Add your bookings to your calendar",
        "heading": "Your learning calendar",
        "subscribe": "Subscribe to your calendar",
        "reset": "Reset calendar address",
        "was_reset": "Your calendar address has been reset. The old one no longer works.",
    },
    "cy": {
        "calendar_link": "Ychwanegu eich archebion at eich calendr",
        "heading": "Eich calendr dysgu",
        "subscribe": "Tanysgrifio i'ch calendr",
        "reset": "Ailosod cyfeiriad y calendr",
        "was_reset": (
            "Mae cyfeiriad eich calendr wedi'i ailosod. Nid yw'r hen un yn gweithio mwyach."
        ),
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_subscribe_to_your_calendar_and_reset_its_address(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    course = CourseFactory(title_en="Data for leaders", title_cy="Data i arweinwyr")
    session = SessionFactory(course=course)
    SessionFactory(course=CourseFactory(title_en="Not booked", title_cy="Heb ei archebu"))
    person = UserFactory(preferred_language=language)
    actions.book_place(
        session=session, person=person, participation_language="en", role_category="other"
    )
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie(person), "url": site}]
    )

    page.goto(f"{site}/{language}/learning/bookings/")
    axe_check(page)
    page.get_by_role("link", name=words["calendar_link"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)

    feed_url = page.get_by_role("link", name=words["subscribe"]).get_attribute("href")
    assert feed_url.endswith(".ics") and f"/{language}/learning/calendar/" in feed_url
    feed = page.request.get(feed_url)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    text = feed.text()
    title = course.title_en if language == "en" else course.title_cy
    assert "BEGIN:VCALENDAR" in text and title in text
    assert "Not booked" not in text and "Heb ei archebu" not in text

    page.get_by_role("button", name=words["reset"]).click()
    expect(page.get_by_text(words["was_reset"])).to_be_visible()
    axe_check(page)
    new_url = page.get_by_role("link", name=words["subscribe"]).get_attribute("href")
    assert new_url != feed_url
    assert page.request.get(feed_url).status == 404
    assert page.request.get(new_url).status == 200
