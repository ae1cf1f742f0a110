"""Whole journeys through sign-up, email confirmation, sign-in and sign-out, in both languages."""

import re

import pytest
from django.core import mail

from porth.accounts.models import User
from porth.accounts.tests.factories import PASSWORD, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long walk on the Pembrokeshire coast"

# What each journey expects to read, in the language of its pages.
TEXT = {
    "en": {
        "create_account": "Create account",
        "email_label": ">Email address</label>",
        "password_label": ">Password</label>",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "signed_out": "You have signed out.",
        "subject": "Porth: Confirm your email address to finish creating your account",
        "check_email": "Check your email",
        "wrong_password": "The email address and/or password you specified are not correct.",
        "too_short": "This password is too short. It must contain at least 12 characters.",
        "mismatch": "You must type the same password each time.",
    },
    "cy": {
        "create_account": "Creu cyfrif",
        "email_label": ">Cyfeiriad e-bost</label>",
        "password_label": ">Cyfrinair</label>",
        "sign_in": "Mewngofnodi",
        "sign_out": "Allgofnodi",
        "signed_out": "Rydych wedi allgofnodi.",
        "subject": "Porth: Cadarnhewch eich cyfeiriad e-bost i orffen creu eich cyfrif",
        "check_email": "Gwiriwch eich e-bost",
        "wrong_password": "Nid yw&#x27;r cyfeiriad e-bost neu&#x27;r cyfrinair a roesoch yn gywir.",
        "too_short": "Rhaid iddo gynnwys o leiaf 12 o nodau.",
        "mismatch": "Rhaid i chi deipio&#x27;r un cyfrinair bob tro.",
    },
}


def link_in(body: str) -> str:
    return re.search(r"https?://testserver(/\S+)", body).group(1)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_newcomer_signs_up_confirms_their_email_and_signs_in(client, language):
    text = TEXT[language]
    email = f"newcomer-{language}@example.gov.uk"

    sign_up_page = client.get(f"/{language}/accounts/signup/").content.decode()
    assert f">{text['create_account']}</button>" in sign_up_page
    assert 'autocomplete="new-password"' in sign_up_page

    response = client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/{language}/accounts/confirm-email/"
    assert text["check_email"] in response.content.decode()
    person = User.objects.get(email=email)
    assert person.preferred_language == language
    assert not response.wsgi_request.user.is_authenticated

    [message] = mail.outbox
    assert message.to == [email]
    assert message.subject == text["subject"]
    confirm_path = link_in(message.body)
    assert confirm_path.startswith(f"/{language}/accounts/confirm-email/")

    # An unconfirmed address cannot sign in yet.
    client.post(f"/{language}/accounts/login/", {"login": email, "password": NEW_PASSWORD})
    assert "_auth_user_id" not in client.session

    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path, follow=True)
    assert response.redirect_chain[-1][0] == f"/{language}/accounts/login/"
    sign_in_page = response.content.decode()
    assert text["email_label"] in sign_in_page
    assert text["password_label"] in sign_in_page
    assert f">{text['sign_in']}</button>" in sign_in_page

    response = client.post(
        f"/{language}/accounts/login/", {"login": email, "password": NEW_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/{language}/account/"
    assert email in response.content.decode()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_signing_out_asks_for_confirmation_with_a_button(client, language):
    text = TEXT[language]
    client.force_login(UserFactory())

    page = client.get(f"/{language}/accounts/logout/").content.decode()
    assert 'method="post"' in page
    assert f">{text['sign_out']}</button>" in page
    assert "_auth_user_id" in client.session

    response = client.post(f"/{language}/accounts/logout/")

    assert response["Location"] == f"/{language}/"
    assert "_auth_user_id" not in client.session
    next_page = client.get(f"/{language}/accounts/login/").content.decode()
    assert text["signed_out"] in next_page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_wrong_password_is_explained_in_the_language_of_the_page(client, language):
    person = UserFactory()

    response = client.post(
        f"/{language}/accounts/login/", {"login": person.email, "password": "not the password"}
    )

    page = response.content.decode()
    assert TEXT[language]["wrong_password"] in page
    assert f'value="{person.email}"' in page


@pytest.mark.parametrize("language", ["en", "cy"])
def test_password_rules_are_explained_in_the_language_of_the_page(client, language):
    response = client.post(
        f"/{language}/accounts/signup/",
        {"email": "short@example.gov.uk", "password1": "short", "password2": "different"},
    )

    page = response.content.decode()
    assert TEXT[language]["too_short"] in page
    assert not User.objects.filter(email="short@example.gov.uk").exists()


def test_an_address_that_already_has_an_account_gets_an_email_not_an_error(client):
    """allauth does not reveal which addresses have accounts; the owner hears by email."""
    person = UserFactory(preferred_language="cy")

    response = client.post(
        "/en/accounts/signup/",
        {"email": person.email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response["Location"] == "/en/accounts/confirm-email/"
    [message] = mail.outbox
    assert message.subject == "Porth: Mae gennych gyfrif yn barod"
    assert "/cy/accounts/password/reset/" in message.body


def test_someone_invited_signs_up_and_returns_to_their_invitation(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="invitee@example.gov.uk")
    invitation_path = f"/en/account/invitations/{invitation.token}/"
    client.get(invitation_path)

    client.post(
        "/en/accounts/signup/",
        {"email": invitation.email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.post(link_in(mail.outbox[-1].body))
    response = client.post(
        "/en/accounts/login/", {"login": invitation.email, "password": NEW_PASSWORD}
    )

    assert response["Location"] == invitation_path
    client.post(f"{invitation_path}accept/")
    assert User.objects.get(email=invitation.email).memberships.get().organisation == organisation


def test_someone_with_an_account_signs_in_from_the_invitation_and_comes_back(client, organisation):
    person = UserFactory()
    invitation = InvitationFactory(organisation=organisation, email=person.email)
    invitation_path = f"/en/account/invitations/{invitation.token}/"

    response = client.post(
        f"/en/accounts/login/?next={invitation_path}",
        {"login": person.email, "password": PASSWORD, "next": invitation_path},
    )

    assert response["Location"] == invitation_path


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, person):
    client.post("/en/accounts/password/reset/", {"email": person.email})
    [message] = mail.outbox
    reset_path = link_in(message.body)

    response = client.get(reset_path, follow=True)
    set_password_path = response.redirect_chain[-1][0]
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )

    assert "Your password has been changed" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_a_signed_in_person_changes_their_password(client, person):
    client.force_login(person)

    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_new_passwords_that_do_not_match_are_refused(client, person):
    client.force_login(person)

    response = client.post(
        "/cy/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": "something else"},
    )

    assert TEXT["cy"]["mismatch"] in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_a_person_adds_another_email_address_and_is_asked_to_confirm_it(client):
    person = UserFactory(preferred_language="cy")
    client.force_login(person)

    response = client.post(
        "/en/accounts/email/", {"email": "second@example.gov.uk", "action_add": "1"}, follow=True
    )

    page = response.content.decode()
    assert "second@example.gov.uk" in page
    assert "Not confirmed yet" in page
    [message] = mail.outbox
    assert message.to == ["second@example.gov.uk"]
    assert message.subject == "Porth: Cadarnhewch eich cyfeiriad e-bost"


def test_too_many_requests_get_a_page_in_the_language_being_read(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/m/ip"}
    client.post("/cy/accounts/password/reset/", {"email": "one@example.gov.uk"})

    response = client.post("/cy/accounts/password/reset/", {"email": "two@example.gov.uk"})

    assert response.status_code == 429
    assert "Rydych wedi rhoi cynnig arni ormod o weithiau" in response.content.decode()


def test_finding_13_sign_ups_from_one_address_are_limited_and_keep_what_was_typed(client):
    from porth.accounts.views import SIGN_UP_RATE

    allowed = int(SIGN_UP_RATE.split("/")[0])
    for number in range(allowed):
        client.cookies.clear()
        client.post(
            "/en/accounts/signup/",
            {"email": f"robot{number}@example.com", "password1": "x", "password2": "y"},
            REMOTE_ADDR="203.0.113.7",
        )
    client.cookies.clear()

    refused = client.post(
        "/cy/accounts/signup/",
        {"email": "newcomer@example.gov.uk", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    elsewhere = client.post(
        "/en/accounts/signup/",
        {"email": "other@example.gov.uk", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        REMOTE_ADDR="198.51.100.20",
    )

    assert refused.status_code == 429
    assert "Rhowch gynnig arall arni ymhen" in refused.content.decode()
    assert 'value="newcomer@example.gov.uk"' in refused.content.decode()
    assert not User.objects.filter(email="newcomer@example.gov.uk").exists()
    assert elsewhere.status_code == 302
    assert User.objects.filter(email="other@example.gov.uk").exists()


def test_finding_13_password_reset_requests_from_one_address_are_limited(client, person):
    from porth.accounts.views import PASSWORD_RESET_RATE

    allowed = int(PASSWORD_RESET_RATE.split("/")[0])
    for number in range(allowed):
        client.cookies.clear()
        client.post(
            "/en/accounts/password/reset/",
            {"email": f"nobody{number}@example.com"},
            REMOTE_ADDR="203.0.113.7",
        )
    client.cookies.clear()

    refused = client.post(
        "/en/accounts/password/reset/", {"email": person.email}, REMOTE_ADDR="203.0.113.7"
    )

    assert refused.status_code == 429
    assert "Try again in" in refused.content.decode()
    assert f'value="{person.email}"' in refused.content.decode()
    assert not [message for message in mail.outbox if person.email in message.to]
