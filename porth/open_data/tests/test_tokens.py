"""Issue 9, finding 10: tokens expire, have a scope, act only for chosen organisations and
stop working when their person's password changes or a membership ends."""

import datetime
import re

import pytest
import yaml
from django.core import mail
from django.utils import timezone

from porth.accounts import actions as accounts
from porth.accounts.tests.factories import PASSWORD, MembershipFactory
from porth.core.permissions import Role
from porth.open_data.models import PersonalToken

from .factories import make_service, token_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long walk on the Pembrokeshire coast"


def rename(client, service, secret: str, **headers):
    return client.patch(
        f"/api/v1/services/{service.public_id}/",
        {"name_en": "Renamed"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        **headers,
    )


@pytest.fixture
def service(organisation):
    return make_service(organisation)


def test_finding_10_an_expired_token_is_refused_with_401_in_both_languages(client, editor, service):
    secret = token_for(editor)
    PersonalToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    write = rename(client, service, secret, HTTP_ACCEPT_LANGUAGE="cy")
    read = client.get("/api/v1/services/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert (write.status_code, read.status_code) == (401, 401)
    body = write.json()
    assert body["detail_en"].startswith("The token has expired.")
    assert body["detail_cy"].startswith("Mae'r tocyn wedi dod i ben.")
    assert body["detail"] == body["detail_cy"]
    service.refresh_from_db()
    assert service.name_en != "Renamed"


def test_finding_10_a_revoked_token_is_refused_with_401_in_both_languages(client, editor, service):
    secret = token_for(editor)
    PersonalToken.objects.update(revoked_at=timezone.now())

    response = rename(client, service, secret)

    assert response.status_code == 401
    assert response.json()["detail_en"].startswith("The token has been revoked.")
    assert response.json()["detail_cy"]


def test_finding_10_a_read_only_token_is_refused_on_every_write(client, editor, service):
    secret = token_for(editor, scope="read")

    response = rename(client, service, secret)
    created = client.post(
        "/api/v1/metrics/",
        {"service": service.public_id, "measure": "completion-rate"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    read = client.get(
        f"/api/v1/services/{service.public_id}/", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )

    assert (response.status_code, created.status_code, read.status_code) == (403, 403, 200)
    assert response.json()["detail_en"].startswith("This token can only read.")
    assert response.json()["detail_cy"]


def test_finding_10_a_token_is_revoked_when_its_owner_changes_their_password(
    client, editor, service
):
    secret = token_for(editor)
    client.force_login(editor)

    client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.logout()

    assert PersonalToken.objects.get().is_revoked
    assert rename(client, service, secret).status_code == 401


def test_finding_10_a_token_is_revoked_when_its_owners_password_is_reset(client, editor, service):
    secret = token_for(editor)

    client.post("/en/accounts/password/reset/", {"email": editor.email})
    [message] = mail.outbox
    reset_path = re.search(r"https?://testserver(/\S+)", message.body).group(1)
    response = client.get(reset_path, follow=True)
    client.post(
        response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)
    assert PersonalToken.objects.get().is_revoked
    assert rename(client, service, secret).status_code == 401


def test_finding_10_a_token_stops_working_when_the_password_is_changed_another_way(
    client, editor, service
):
    """The admin and `manage.py changepassword` send no signal: the fingerprint catches it."""
    secret = token_for(editor)
    editor.set_password(NEW_PASSWORD)
    editor.save()

    response = rename(client, service, secret)

    assert response.status_code == 401
    assert "password changed" in response.json()["detail_en"]
    assert PersonalToken.objects.get().is_revoked


def test_finding_10_a_token_loses_an_organisation_when_that_membership_ends(
    client, organisation, other_organisation, organisation_admin
):
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    MembershipFactory(person=editor, organisation=other_organisation, role=Role.EDITOR)
    ours, theirs = make_service(organisation), make_service(other_organisation, name_en="Theirs")
    secret = token_for(editor)

    accounts.remove_membership(
        membership=editor.memberships.get(organisation=organisation),
        removed_by=organisation_admin,
    )

    token = PersonalToken.objects.get()
    assert not token.is_revoked
    assert list(token.organisations.all()) == [other_organisation]
    assert rename(client, ours, secret).status_code == 403
    assert rename(client, theirs, secret).status_code == 200


def test_finding_10_a_token_is_revoked_when_its_last_membership_ends(
    client, organisation, editor, organisation_admin, service
):
    secret = token_for(editor)

    accounts.remove_membership(membership=editor.memberships.get(), removed_by=organisation_admin)

    assert PersonalToken.objects.get().is_revoked
    assert rename(client, service, secret).status_code == 401


def test_finding_10_a_token_acts_only_for_the_organisations_chosen_for_it(
    client, organisation, other_organisation
):
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    MembershipFactory(person=editor, organisation=other_organisation, role=Role.EDITOR)
    ours, theirs = make_service(organisation), make_service(other_organisation, name_en="Theirs")
    secret = token_for(editor, organisations=[organisation])

    assert rename(client, theirs, secret).status_code == 403
    assert rename(client, ours, secret).status_code == 200


def test_finding_10_a_token_never_acts_beyond_its_persons_current_role(
    client, organisation, editor, service
):
    secret = token_for(editor)
    editor.memberships.update(role=Role.MEMBER)

    assert rename(client, service, secret).status_code == 403


def test_finding_10_using_a_token_records_its_last_use_once_in_a_while(client, editor, service):
    secret = token_for(editor)

    for _ in range(3):
        client.get("/api/v1/services/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    token = PersonalToken.objects.get()
    assert token.last_used_at is not None
    client.force_login(editor)
    listed = client.get("/en/open-data/tokens/").text
    assert "Never" not in listed


@pytest.mark.parametrize(("language", "words"), [("en", "Read only"), ("cy", "Darllen yn unig")])
def test_finding_10_the_api_documentation_describes_the_scopes(client, language, words):
    schema = yaml.safe_load(client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE=language).content)

    description = schema["components"]["securitySchemes"]["personalToken"]["description"]
    assert words.lower() in description.lower()


def test_finding_10_a_token_reads_owner_contacts_only_of_its_own_organisations(
    client, organisation, other_organisation, member
):
    ours, theirs = make_service(organisation), make_service(other_organisation, name_en="Theirs")
    secret = token_for(member, scope="read")

    def owner(service, **headers):
        return client.get(f"/api/v1/services/{service.public_id}/", **headers).json()["owner"]

    assert owner(ours, HTTP_AUTHORIZATION=f"Bearer {secret}")["email"] == ours.owner_email
    assert owner(ours) is None
    assert owner(theirs, HTTP_AUTHORIZATION=f"Bearer {secret}") is None
    listed = client.get("/api/v1/services/", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert {row["public_id"]: bool(row["owner"]) for row in listed["results"]} == {
        ours.public_id: True,
        theirs.public_id: False,
    }
