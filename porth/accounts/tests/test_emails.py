"""Emails go in the language the recipient chose, whatever language the sender was reading."""

import pytest
from django.core import mail

from porth.accounts import actions
from porth.accounts.tests.factories import PASSWORD, UserFactory
from porth.core.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("recorded", "page", "subject", "link"),
    [
        ("cy", "en", "Porth: Ailosod eich cyfrinair", "http://testserver/cy/accounts/password/"),
        ("en", "cy", "Porth: Reset your password", "http://testserver/en/accounts/password/"),
    ],
)
def test_a_password_reset_email_is_in_the_recipients_language(
    client, recorded, page, subject, link
):
    person = UserFactory(preferred_language=recorded)

    client.post(f"/{page}/accounts/password/reset/", {"email": person.email})

    [message] = mail.outbox
    assert message.subject == subject
    assert link in message.body


def test_a_confirmation_email_sent_again_follows_the_recorded_language(client):
    """Signing in before confirming sends the link again, in the language on record."""
    person = UserFactory(preferred_language="cy")
    person.emailaddress_set.update(verified=False)

    client.post("/en/accounts/login/", {"login": person.email, "password": PASSWORD})

    [message] = mail.outbox
    assert message.subject == "Porth: Cadarnhewch eich cyfeiriad e-bost"
    assert "http://testserver/cy/accounts/confirm-email/" in message.body


def test_an_invitation_to_someone_new_is_in_the_language_the_admin_chose(
    organisation, organisation_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invite_person(
            organisation=organisation,
            email="newydd@example.gov.uk",
            role=Role.MEMBER,
            language="cy",
            invited_by=organisation_admin,
        )

    [message] = mail.outbox
    assert message.subject == f"Porth: gwahoddiad i ymuno – {organisation.name_cy}"
    assert "gyda'r rôl: Aelod." in message.body
    assert f"/cy/account/invitations/{invitation.token}/" in message.body


def test_an_invitation_to_someone_with_an_account_is_in_their_recorded_language(
    organisation, organisation_admin, django_capture_on_commit_callbacks
):
    welsh_speaker = UserFactory(preferred_language="cy")

    with django_capture_on_commit_callbacks(execute=True):
        actions.invite_person(
            organisation=organisation,
            email=welsh_speaker.email,
            role=Role.EDITOR,
            language="en",
            invited_by=organisation_admin,
        )

    [message] = mail.outbox
    assert organisation.name_cy in message.subject
    assert "Golygydd" in message.body
