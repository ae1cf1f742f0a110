"""An organisation admin books a place for a colleague, who accepts it: in each language,
checked with axe on every page.

1. A plain member of the body asks for the page and is told only an admin can do this.
2. The admin opens the session, chooses "Book a place for a colleague", leaves the address
   out (the error summary), then gives the colleague's address.
3. The colleague gets an email in their language with a link to answer; they sign in, find
   the invitation on "Your bookings", see who booked the place for them and accept it.

Declining is covered in porth/learning/tests/test_invitations.py.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.learning.models import ColleagueInvitation
from porth.learning.tests.factories import SessionFactory
from porth.organisations.tests.factories import OrganisationFactory
from tests.e2e.steps import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.journey_on_postgresql]

WORDS = {
    "en": {
        "refused": "Only an administrator of your organisation can book places for colleagues.",
        "invite": "Book a place for a colleague",
        "email": "Your colleague’s email address",
        "book": "Book a place",
        "required": "Enter your colleague’s email address",
        "booked": "A place has been booked for Sam Jones. We have emailed them to accept it.",
        "answer": "Accept or decline the place:",
        "heading": "A place booked for you",
        "by": "Alex Morgan has booked you a place on this course",
        "accept": "Accept the place",
        "accepted": "You have accepted the place.",
        "open": "Booked for you by a colleague: accept or decline",
    },
    "cy": {
        "refused": "Dim ond gweinyddwr eich sefydliad all archebu lleoedd i gydweithwyr.",
        "invite": "Archebu lle i gydweithiwr",
        "email": "Cyfeiriad e-bost eich cydweithiwr",
        "book": "Archebu lle",
        "required": "Rhowch gyfeiriad e-bost eich cydweithiwr",
        "booked": "Mae lle wedi'i archebu ar gyfer Sam Jones. Rydym wedi anfon e-bost atynt i'w "
        "dderbyn.",
        "answer": "Derbyniwch neu wrthodwch y lle:",
        "heading": "Lle wedi'i archebu i chi",
        "by": "Mae Alex Morgan wedi archebu lle i chi ar y cwrs hwn",
        "accept": "Derbyn y lle",
        "accepted": "Rydych chi wedi derbyn y lle.",
        "open": "Wedi'i archebu i chi gan gydweithiwr: derbyniwch neu wrthodwch",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_admin_books_a_colleague_who_signs_in_and_accepts(
    page: Page, site: str, language: str, axe_check, mailbox
) -> None:
    words = WORDS[language]
    body = OrganisationFactory(gss_code="")  # the seeded site already holds the first codes
    session = SessionFactory()
    admin = UserFactory(full_name="Alex Morgan", preferred_language=language)
    MembershipFactory(person=admin, organisation=body, role=Role.ADMIN)
    plain = UserFactory(preferred_language=language)
    MembershipFactory(person=plain, organisation=body, role=Role.MEMBER)
    colleague = UserFactory(
        full_name="Sam Jones", email="sam.jones@example.gov.wales", preferred_language=language
    )
    MembershipFactory(person=colleague, organisation=body, role=Role.MEMBER)
    session_page = f"{site}/{language}/learning/sessions/{session.pk}/"

    # A plain member is not offered the link, and is told why if they follow one.
    sign_in_as(page, site, plain)
    page.goto(session_page)
    expect(page.get_by_role("link", name=words["invite"])).to_have_count(0)
    page.goto(f"{session_page}invite/")
    expect(page.get_by_text(words["refused"])).to_be_visible()
    axe_check(page)

    # The admin books the colleague.
    sign_in_as(page, site, admin)
    page.goto(session_page)
    page.get_by_role("link", name=words["invite"]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_role("button", name=words["book"]).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(words["required"])
    axe_check(page)
    page.get_by_label(words["email"]).fill("Sam.Jones@example.gov.wales")
    page.get_by_role("button", name=words["book"]).click()
    expect(page.get_by_text(words["booked"])).to_be_visible()
    axe_check(page)

    # The colleague's email, in their language, carries the link to answer.
    emails = [path.read_text() for path in mailbox.iterdir()]
    invitation_email = next(email for email in emails if "sam.jones@example.gov.wales" in email)
    assert words["answer"] in invitation_email
    link = re.search(r"/(?:en|cy)/learning/invitations/[\w-]+/", invitation_email)
    assert link is not None
    assert link.group(0).startswith(f"/{language}/")

    sign_in_as(page, site, colleague)
    page.goto(f"{site}/{language}/learning/bookings/")
    axe_check(page)
    page.get_by_role("link", name=words["open"]).click()
    assert page.url == f"{site}{link.group(0)}"  # the page the email links to
    expect(page.get_by_role("heading", name=words["heading"])).to_be_visible()
    expect(page.get_by_text(words["by"])).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name=words["accept"]).click()
    expect(page.get_by_text(words["accepted"])).to_be_visible()
    axe_check(page)
    invitation = ColleagueInvitation.objects.get()
    assert invitation.accepted_at is not None
    assert invitation.booking.person == colleague and invitation.booking.is_confirmed
