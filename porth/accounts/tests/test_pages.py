"""Every page of ours and every allauth page we restyled renders in both languages."""

import pytest
from django.urls import reverse
from django.utils import translation

from porth.accounts.tests.factories import InvitationFactory

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_inactive",
]
SIGNED_IN_PAGES = [
    "account_logout",
    "account_change_password",
    "account_email",
    "mfa_index",
    "account_reauthenticate",
    "accounts:dashboard",
    "accounts:preference_update",
]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_sign_in_pages_render_in_each_language(client, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_account_pages_render_in_each_language(client, person, name, language):
    client.force_login(person)
    response = client.get(url(name, language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_organisation_people_pages_render_in_each_language(
    client, organisation, organisation_admin, member, language
):
    client.force_login(organisation_admin)
    membership = member.memberships.get()
    InvitationFactory(organisation=organisation)
    for name, kwargs in [
        ("accounts:person_list", {"slug": organisation.slug}),
        ("accounts:invitation_create", {"slug": organisation.slug}),
        ("accounts:membership_update", {"slug": organisation.slug, "membership_id": membership.pk}),
        ("accounts:membership_delete", {"slug": organisation.slug, "membership_id": membership.pk}),
    ]:
        response = client.get(url(name, language, **kwargs))
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.content.decode()
