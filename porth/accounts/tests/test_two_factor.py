"""Centre staff and organisation admins must use an authenticator app; everyone else may."""

import re

import pytest
from allauth.mfa.models import Authenticator

from porth.accounts.authenticators import current_code, give_authenticator
from porth.accounts.tests.factories import PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.django_db

ACTIVATE = "/en/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.PORTH_REQUIRE_TWO_FACTOR = True


def sign_in(client, person, language="en"):
    return client.post(
        f"/{language}/accounts/login/", {"login": person.email, "password": PASSWORD}
    )


def confirm_password(client, language="en"):
    """allauth asks for the password again before any change to two-factor settings."""
    return client.post(f"/{language}/accounts/reauthenticate/", {"password": PASSWORD})


@pytest.mark.parametrize("fixture", ["organisation_admin", "centre_staff"])
def test_people_who_must_use_two_factor_are_sent_to_set_it_up(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))

    for path in ["/en/account/", "/en/organisations/", "/cms/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE


def test_the_set_up_page_is_in_the_language_being_read(client, organisation_admin):
    client.force_login(organisation_admin)

    assert client.get("/cy/account/")["Location"] == "/cy/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("fixture", ["member", "editor", "person"])
def test_everyone_else_may_go_without(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))

    assert client.get("/en/account/").status_code == 200


def test_signing_out_and_the_health_check_stay_open_before_set_up(client, organisation_admin):
    client.force_login(organisation_admin)

    assert client.get("/en/accounts/logout/").status_code == 200
    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.get("/healthz").status_code in (200, 503)


def test_someone_signed_in_long_ago_confirms_their_password_before_set_up(
    client, organisation_admin
):
    client.force_login(organisation_admin)

    response = client.get("/en/account/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/en/accounts/reauthenticate/")
    assert response.status_code == 200


def test_an_admin_sets_up_an_authenticator_app_after_signing_in(client, organisation_admin):
    response = sign_in(client, organisation_admin)
    response = client.get(response["Location"])
    assert response["Location"] == ACTIVATE
    assert client.get(ACTIVATE)["Location"].startswith("/en/accounts/reauthenticate/")
    confirm_password(client)

    page = client.get(ACTIVATE).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'id="authenticator-secret">(\w+)<', page).group(1)

    response = client.post(ACTIVATE, {"code": current_code(secret)})

    assert response["Location"] == "/en/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(
        user=organisation_admin, type=Authenticator.Type.TOTP
    ).exists()
    assert "You have 10 unused codes." in client.get(response["Location"]).content.decode()
    assert client.get("/en/account/").status_code == 200
    settings_page = client.get("/en/accounts/2fa/").content.decode()
    assert "Your authenticator app is set up." in settings_page
    assert "You have 10 unused recovery codes." in settings_page
    assert client.get("/en/accounts/2fa/recovery-codes/generate/").status_code == 200


def test_a_wrong_code_is_refused_when_setting_up(client, organisation_admin):
    sign_in(client, organisation_admin, language="cy")
    confirm_password(client, language="cy")
    client.get("/cy/accounts/2fa/totp/activate/")

    response = client.post("/cy/accounts/2fa/totp/activate/", {"code": "000000"})

    assert "Nid yw&#x27;r cod yn gywir." in response.content.decode()
    assert not Authenticator.objects.filter(user=organisation_admin).exists()


def test_signing_in_with_an_authenticator_asks_for_its_code(client, organisation_admin):
    give_authenticator(organisation_admin, TOTP_SECRET)

    response = sign_in(client, organisation_admin)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    page = client.get("/en/accounts/2fa/authenticate/").content.decode()
    assert ">Security code</label>" in page

    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})

    assert response["Location"] == "/en/account/"
    assert client.session["_auth_user_id"] == str(organisation_admin.pk)


def test_a_wrong_sign_in_code_keeps_the_person_out(client, organisation_admin):
    give_authenticator(organisation_admin, TOTP_SECRET)
    sign_in(client, organisation_admin)

    response = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})

    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_admin_cannot_turn_two_factor_off(client, organisation_admin):
    give_authenticator(organisation_admin, TOTP_SECRET)
    sign_in(client, organisation_admin)
    client.post("/en/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})
    confirm_password(client)

    page = client.get("/en/accounts/2fa/totp/deactivate/").content.decode()
    client.post("/en/accounts/2fa/totp/deactivate/")

    assert "You cannot deactivate two-factor authentication." in page
    assert Authenticator.objects.filter(
        user=organisation_admin, type=Authenticator.Type.TOTP
    ).exists()


def test_a_member_who_chose_two_factor_may_turn_it_off(client, member):
    give_authenticator(member, TOTP_SECRET)
    sign_in(client, member)
    client.post("/en/accounts/2fa/authenticate/", {"code": current_code(TOTP_SECRET)})
    confirm_password(client)

    client.post("/en/accounts/2fa/totp/deactivate/")

    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
