"""Booking a colleague by invitation: a place in their name, which they accept or decline."""

import pytest
from django.core import mail

from porth.accounts.tests.factories import MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.learning import actions
from porth.learning.models import BookingStatus, ColleagueInvitation

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def member_of(organisation, role=Role.MEMBER, **kwargs):
    person = UserFactory(**kwargs)
    MembershipFactory(person=person, organisation=organisation, role=role)
    return person


def admin_of(organisation, **kwargs):
    return member_of(organisation, role=Role.ADMIN, **kwargs)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_organisation_admin_books_a_colleague_who_is_emailed_in_their_language_and_accepts(
    client, organisation, django_capture_on_commit_callbacks, language
):
    session = SessionFactory()
    booker = admin_of(organisation)
    colleague = member_of(organisation, email="sam@example.org", preferred_language=language)
    client.force_login(booker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/learning/sessions/{session.pk}/invite/", {"email": "SAM@example.org"}
        )
    assert response.status_code == 302
    invitation = ColleagueInvitation.objects.get()
    assert invitation.booking.person == colleague and invitation.booking.is_confirmed
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    body = mail.outbox[0].body
    assert f"/learning/invitations/{invitation.token}/" in body
    assert ("Accept or decline" if language == "en" else "Derbyniwch neu wrthodwch") in body
    client.force_login(colleague)
    page = client.get(f"/{language}/learning/invitations/{invitation.token}/")
    assert page.status_code == 200
    client.post(f"/en/learning/invitations/{invitation.token}/", {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_declining_frees_the_place_for_the_waiting_list(client, organisation):
    session = SessionFactory(capacity=1)
    booker = admin_of(organisation)
    colleague = member_of(organisation, email="sam@example.org")
    invitation = actions.invite_colleague(session=session, email="sam@example.org", by=booker)
    waiting = actions.book_place(session=session, person=UserFactory(), participation_language="en")
    assert waiting.is_waiting
    client.force_login(colleague)
    client.post(f"/en/learning/invitations/{invitation.token}/", {"answer": "decline"})
    invitation.refresh_from_db()
    invitation.booking.refresh_from_db()
    assert invitation.declined_at is not None
    assert invitation.booking.status == BookingStatus.CANCELLED
    actions.offer_free_places(session_id=session.pk)
    waiting.refresh_from_db()
    assert waiting.is_offered


def test_an_admin_cannot_book_someone_outside_their_body(client, organisation, other_organisation):
    session = SessionFactory()
    booker = admin_of(organisation)
    member_of(other_organisation, email="stranger@example.org")
    client.force_login(booker)
    response = client.post(
        f"/en/learning/sessions/{session.pk}/invite/", {"email": "stranger@example.org"}
    )
    assert "Nobody with that email address is a member of your organisation" in (
        response.content.decode()
    )
    assert 'value="stranger@example.org"' in response.content.decode()
    with pytest.raises(actions.NotAColleague):
        actions.invite_colleague(session=session, email="stranger@example.org", by=booker)
    assert not ColleagueInvitation.objects.exists()


def test_only_the_colleague_answers_the_invitation(client, organisation, outsider):
    session = SessionFactory()
    booker = admin_of(organisation)
    member_of(organisation, email="sam@example.org")
    invitation = actions.invite_colleague(session=session, email="sam@example.org", by=booker)
    for person in (outsider, booker):
        client.force_login(person)
        url = f"/en/learning/invitations/{invitation.token}/"
        assert client.get(url).status_code == 403
        assert client.post(url, {"answer": "decline"}).status_code == 403
    invitation.refresh_from_db()
    assert not invitation.is_answered


def test_a_colleague_cannot_be_booked_on_another_body_s_private_session(
    organisation, other_organisation
):
    session = SessionFactory(organisation=other_organisation)
    booker = admin_of(organisation)
    member_of(organisation, email="sam@example.org")
    with pytest.raises(actions.NotAllowed):
        actions.invite_colleague(session=session, email="sam@example.org", by=booker)


def test_the_invite_page_explains_in_welsh(client, organisation):
    session = SessionFactory()
    client.force_login(admin_of(organisation))
    html = client.post(f"/cy/learning/sessions/{session.pk}/invite/", {"email": ""}).content
    assert "Rhowch gyfeiriad e-bost eich cydweithiwr" in html.decode()


REFUSAL = {
    "en": "Only an administrator of your organisation can book places for colleagues.",
    "cy": "Dim ond gweinyddwr eich sefydliad all archebu lleoedd i gydweithwyr.",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_plain_member_is_refused_and_told_why_in_their_language(client, organisation, language):
    session = SessionFactory()
    plain = member_of(organisation)
    member_of(organisation, email="sam@example.org")
    client.force_login(plain)
    url = f"/{language}/learning/sessions/{session.pk}/invite/"
    for response in (client.get(url), client.post(url, {"email": "sam@example.org"})):
        assert response.status_code == 403
        assert REFUSAL[language] in response.content.decode()
    assert not ColleagueInvitation.objects.exists()
    assert not session.bookings.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.EDITOR])
def test_the_action_refuses_anyone_who_is_not_an_admin_of_a_body(organisation, role):
    session = SessionFactory()
    booker = member_of(organisation, role=role)
    member_of(organisation, email="sam@example.org")
    with pytest.raises(actions.NotAllowed):
        actions.invite_colleague(session=session, email="sam@example.org", by=booker)
    assert not session.bookings.exists()


def test_an_admin_of_one_body_cannot_book_a_colleague_of_a_body_they_only_belong_to(
    organisation, other_organisation
):
    session = SessionFactory()
    booker = admin_of(organisation)
    MembershipFactory(person=booker, organisation=other_organisation, role=Role.MEMBER)
    member_of(other_organisation, email="sam@example.org")
    with pytest.raises(actions.NotAColleague):
        actions.invite_colleague(session=session, email="sam@example.org", by=booker)


def test_an_admin_books_a_colleague_on_their_own_body_s_private_session(organisation):
    session = SessionFactory(organisation=organisation)
    booker = admin_of(organisation)
    colleague = member_of(organisation, email="sam@example.org")
    invitation = actions.invite_colleague(session=session, email="sam@example.org", by=booker)
    assert invitation.booking.person == colleague


def test_the_session_page_offers_booking_a_colleague_to_admins_only(client, organisation):
    session = SessionFactory()
    link = f"/en/learning/sessions/{session.pk}/invite/"
    client.force_login(member_of(organisation))
    assert link not in client.get(f"/en/learning/sessions/{session.pk}/").content.decode()
    client.force_login(admin_of(organisation))
    assert link in client.get(f"/en/learning/sessions/{session.pk}/").content.decode()


def test_declining_a_waiting_list_place_leaves_the_list(client, organisation):
    session = SessionFactory(capacity=1)
    actions.book_place(session=session, person=UserFactory(), participation_language="en")
    colleague = member_of(organisation, email="sam@example.org")
    invitation = actions.invite_colleague(
        session=session, email="sam@example.org", by=admin_of(organisation)
    )
    assert invitation.booking.is_waiting
    client.force_login(colleague)
    response = client.post(f"/en/learning/invitations/{invitation.token}/", {"answer": "decline"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    invitation.booking.refresh_from_db()
    assert invitation.declined_at is not None
    assert invitation.booking.status == BookingStatus.LEFT
    with pytest.raises(actions.InvitationAnswered):
        actions.accept_invitation(invitation=invitation)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_colleague_sees_the_invitation_among_their_bookings_until_they_answer(
    client, organisation, language
):
    session = SessionFactory()
    colleague = member_of(organisation, email="sam@example.org")
    invitation = actions.invite_colleague(
        session=session, email="sam@example.org", by=admin_of(organisation)
    )
    actions.book_place(session=SessionFactory(), person=colleague, participation_language="en")
    client.force_login(colleague)
    link = f'href="/{language}/learning/invitations/{invitation.token}/"'
    page = client.get(f"/{language}/learning/bookings/").content.decode()
    assert page.count("/learning/invitations/") == 1 and link in page
    assert {
        "en": "Booked for you by a colleague: accept or decline",
        "cy": "Wedi'i archebu i chi gan gydweithiwr: derbyniwch neu wrthodwch",
    }[language] in page
    actions.accept_invitation(invitation=invitation)
    assert link not in client.get(f"/{language}/learning/bookings/").content.decode()
