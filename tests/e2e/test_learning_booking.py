"""Learning journeys in each language, checked with axe on every page.

1. Find a course in the catalogue (filtered by URL), book a place, get the email with its
   .ics file, cancel.
2. A full session: join the waiting list and see your place; someone cancels; the worker
   offers you the place; accept it.
"""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import UserFactory
from porth.learning import actions
from porth.learning.tests.factories import CourseFactory, SessionFactory
from tests.e2e.steps import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.journey_on_postgresql]

WORDS = {
    "en": {
        "learning": "Learning",
        "language": "Language",
        "welsh": "Welsh",
        "apply": "Apply filters",
        "book": "Book a place",
        "role": "Practitioner",
        "take_part": "English",
        "booked": "Your place is booked. We have emailed you the details.",
        "cancel_link": "Cancel your booking",
        "cancel_button": "Cancel booking",
        "cancelled": "Your booking is cancelled.",
        "join": "Join the waiting list",
        "position": "You are 1st on the waiting list.",
        "accept": "Accept the place",
        "subject": "Your place is booked",
    },
    "cy": {
        "learning": "Dysgu",
        "language": "Iaith",
        "welsh": "Cymraeg",
        "apply": "Gweithredu hidlwyr",
        "book": "Archebu lle",
        "role": "Ymarferydd",
        "take_part": "Saesneg",
        "booked": "Mae eich lle wedi'i archebu. Rydym wedi anfon y manylion atoch drwy e-bost.",
        "cancel_link": "Canslo eich archeb",
        "cancel_button": "Canslo archeb",
        "cancelled": "Mae eich archeb wedi'i chanslo.",
        "join": "Ymuno â'r rhestr aros",
        "position": "Chi yw rhif 1 ar y rhestr aros.",
        "accept": "Derbyn y lle",
        "subject": "Mae eich lle wedi'i archebu",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_find_a_course_book_it_get_the_email_and_cancel(
    page: Page, site: str, language: str, axe_check, mailbox
) -> None:
    words = WORDS[language]
    course = CourseFactory(title_en="Data for leaders", title_cy="Data i arweinwyr")
    SessionFactory(course=course, delivery_language="cy")
    SessionFactory(
        course=CourseFactory(title_en="Agile basics", title_cy="Hanfodion ystwyth"),
        delivery_language="en",
    )
    person = UserFactory(preferred_language=language)
    sign_in_as(page, site, person)

    page.goto(f"{site}/{language}/")
    page.get_by_role("link", name=words["learning"], exact=True).first.click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_label(words["language"], exact=True).select_option(label=words["welsh"])
    page.get_by_role("button", name=words["apply"]).click()
    assert "language=cy" in page.url
    title = course.title_en if language == "en" else course.title_cy
    expect(
        page.get_by_role("link", name="Hanfodion ystwyth" if language == "cy" else "Agile basics")
    ).to_have_count(0)
    page.get_by_role("link", name=title).click()
    axe_check(page)

    page.get_by_role("button", name=words["book"]).click()
    axe_check(page)
    page.get_by_label(words["role"]).check()
    page.get_by_label(words["take_part"], exact=True).check()
    page.get_by_role("button", name=words["book"]).click()
    expect(page.get_by_text(words["booked"])).to_be_visible()
    axe_check(page)
    emails = [path.read_text() for path in mailbox.iterdir()]
    assert any(words["subject"] in email and "BEGIN:VCALENDAR" in email for email in emails)

    page.get_by_role("link", name=words["cancel_link"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["cancel_button"]).click()
    expect(page.get_by_text(words["cancelled"])).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_full_session_waiting_list_offer_and_accept(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    session = SessionFactory(capacity=1)
    holder = UserFactory()
    taken = actions.book_place(session=session, person=holder, participation_language="en")
    person = UserFactory(preferred_language=language)
    actions.save_learner_profile(person=person, role_category="senior_leader")
    sign_in_as(page, site, person)

    page.goto(f"{site}/{language}/learning/sessions/{session.pk}/")
    axe_check(page)
    page.get_by_role("button", name=words["join"]).click()
    page.get_by_label(words["take_part"], exact=True).check()
    page.get_by_role("button", name=words["join"]).click()
    expect(page.get_by_text(words["position"])).to_be_visible()
    axe_check(page)

    # The person holding the place cancels; the worker offers it to the waiting list.
    client = Client()
    client.force_login(holder)
    client.post(f"/en/learning/bookings/{taken.pk}/cancel/")

    page.reload()
    page.get_by_role("button", name=words["accept"]).click()
    expect(page.get_by_text(words["booked"])).to_be_visible()
    axe_check(page)
