from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from porth.accounts.adapter import PENDING_INVITATION_SESSION_KEY
from porth.accounts.models import Invitation, Membership
from porth.accounts.tests.factories import InvitationFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role

pytestmark = pytest.mark.django_db


def people_url(organisation) -> str:
    return reverse("accounts:person_list", kwargs={"slug": organisation.slug})


def role_url(membership) -> str:
    return reverse(
        "accounts:membership_update",
        kwargs={"slug": membership.organisation.slug, "membership_id": membership.pk},
    )


def remove_url(membership) -> str:
    return reverse(
        "accounts:membership_delete",
        kwargs={"slug": membership.organisation.slug, "membership_id": membership.pk},
    )


# --- The people page -----------------------------------------------------------------------


def test_an_admin_sees_the_members_and_open_invitations(
    client, organisation, organisation_admin, member
):
    InvitationFactory(organisation=organisation, email="waiting@example.gov.uk")
    client.force_login(organisation_admin)

    page = client.get(people_url(organisation)).content.decode()

    assert member.email in page
    assert organisation_admin.email in page
    assert "waiting@example.gov.uk" in page


def test_centre_staff_can_manage_the_people_of_any_organisation(client, organisation, centre_staff):
    client.force_login(centre_staff)

    assert client.get(people_url(organisation)).status_code == 200


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider"])
def test_the_people_page_refuses_anyone_but_its_admins(client, request, organisation, fixture):
    client.force_login(request.getfixturevalue(fixture))

    assert client.get(people_url(organisation)).status_code == 403


def test_the_people_page_sends_an_anonymous_visitor_to_sign_in(client, organisation):
    response = client.get(people_url(organisation))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- Inviting ------------------------------------------------------------------------------


def test_an_admin_invites_someone_from_the_people_page(
    client, organisation, organisation_admin, django_capture_on_commit_callbacks
):
    client.force_login(organisation_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create", kwargs={"slug": organisation.slug}),
            {"email": "new@example.gov.uk", "role": Role.EDITOR, "language": "cy"},
            follow=True,
        )

    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.language) == (
        "new@example.gov.uk",
        Role.EDITOR,
        "cy",
    )
    assert len(mail.outbox) == 1
    assert response.redirect_chain[-1][0] == people_url(organisation)
    assert "Invitation sent to new@example.gov.uk." in response.content.decode()


def test_an_invitation_form_with_mistakes_shows_them_and_keeps_what_was_typed(
    client, organisation, organisation_admin
):
    client.force_login(organisation_admin)

    response = client.post(
        reverse("accounts:invitation_create", kwargs={"slug": organisation.slug}),
        {"email": "not-an-address", "role": Role.EDITOR},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "<title>Error: " in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert "Choose the language for the invitation email" in page
    assert 'value="not-an-address"' in page
    assert not Invitation.objects.exists()


def test_inviting_a_current_member_shows_an_error(client, organisation, organisation_admin, member):
    client.force_login(organisation_admin)

    response = client.post(
        reverse("accounts:invitation_create", kwargs={"slug": organisation.slug}),
        {"email": member.email, "role": Role.EDITOR, "language": "en"},
    )

    assert "This person is already a member of this organisation" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider"])
def test_inviting_is_refused_to_anyone_but_the_organisations_admins(
    client, request, organisation, fixture
):
    client.force_login(request.getfixturevalue(fixture))

    response = client.post(
        reverse("accounts:invitation_create", kwargs={"slug": organisation.slug}),
        {"email": "new@example.gov.uk", "role": Role.ADMIN, "language": "en"},
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists()


# --- Changing roles ------------------------------------------------------------------------


def test_an_admin_changes_a_role(client, organisation, organisation_admin, member):
    membership = member.memberships.get()
    client.force_login(organisation_admin)

    response = client.post(role_url(membership), {"role": Role.ADMIN})

    assert response.status_code == 302
    assert response["Location"] == people_url(organisation)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_the_last_admin_is_told_why_they_cannot_step_down(client, organisation, organisation_admin):
    membership = organisation_admin.memberships.get()
    client.force_login(organisation_admin)

    response = client.post(role_url(membership), {"role": Role.MEMBER})

    assert response.status_code == 200
    assert "This person is the organisation’s only admin." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_an_admin_who_steps_down_returns_to_their_account(client, organisation, organisation_admin):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    client.force_login(organisation_admin)

    response = client.post(role_url(organisation_admin.memberships.get()), {"role": Role.MEMBER})

    assert response["Location"] == reverse("accounts:dashboard")


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider"])
def test_changing_roles_is_refused_to_anyone_but_the_organisations_admins(
    client, request, organisation, fixture
):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(request.getfixturevalue(fixture))

    assert client.post(role_url(membership), {"role": Role.ADMIN}).status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_an_admin_cannot_reach_a_membership_of_another_organisation_through_their_own(
    client, organisation, organisation_admin, other_organisation
):
    elsewhere = MembershipFactory(organisation=other_organisation)
    client.force_login(organisation_admin)
    url = reverse(
        "accounts:membership_update",
        kwargs={"slug": organisation.slug, "membership_id": elsewhere.pk},
    )

    assert client.post(url, {"role": Role.ADMIN}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.role == Role.MEMBER


# --- Removing ------------------------------------------------------------------------------


def test_removing_someone_asks_for_confirmation_first(client, organisation_admin, member):
    membership = member.memberships.get()
    client.force_login(organisation_admin)

    page = client.get(remove_url(membership)).content.decode()

    assert 'method="post"' in page
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_admin_removes_someone(client, organisation, organisation_admin, member):
    membership = member.memberships.get()
    client.force_login(organisation_admin)

    response = client.post(remove_url(membership))

    assert response["Location"] == people_url(organisation)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_admin_cannot_be_removed_and_is_told_why(
    client, organisation, organisation_admin, centre_staff
):
    membership = organisation_admin.memberships.get()
    client.force_login(centre_staff)

    response = client.post(remove_url(membership))

    page = response.content.decode()
    assert "There is a problem" in page
    assert "This person is the organisation’s only admin." in page
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider"])
def test_removing_is_refused_to_anyone_but_the_organisations_admins(
    client, request, organisation, fixture
):
    membership = MembershipFactory(organisation=organisation)
    client.force_login(request.getfixturevalue(fixture))

    assert client.post(remove_url(membership)).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- Following an invitation link ----------------------------------------------------------


def invitation_url(invitation) -> str:
    return reverse("accounts:invitation_detail", kwargs={"token": invitation.token})


def accept_url(invitation) -> str:
    return reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def test_a_visitor_with_an_invitation_is_offered_sign_in_or_sign_up(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="new@example.gov.uk")

    response = client.get(invitation_url(invitation))

    page = response.content.decode()
    assert organisation.name_en in page
    next_path = urlencode({"next": invitation_url(invitation)})
    assert f"{reverse('account_login')}?{next_path}" in page
    assert f"{reverse('account_signup')}?email=new%40example.gov.uk&amp;{next_path}" in page
    assert client.session[PENDING_INVITATION_SESSION_KEY] == invitation.token


def test_the_invited_person_accepts_once_signed_in(client, organisation):
    person = UserFactory(email="new@example.gov.uk")
    invitation = InvitationFactory(organisation=organisation, email=person.email, role=Role.EDITOR)
    client.force_login(person)

    assert "Accept invitation" in client.get(invitation_url(invitation)).content.decode()
    response = client.post(accept_url(invitation), follow=True)

    assert person.memberships.get().role == Role.EDITOR
    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert f"You are now a member of {organisation.name_en}." in response.content.decode()


def test_someone_signed_in_with_another_address_is_told_to_switch(client, organisation, person):
    invitation = InvitationFactory(organisation=organisation, email="someone.else@example.gov.uk")
    client.force_login(person)

    page = client.get(invitation_url(invitation)).content.decode()
    response = client.post(accept_url(invitation))

    assert "This invitation is for someone.else@example.gov.uk" in page
    assert "Accept invitation" not in page
    assert response["Location"] == invitation_url(invitation)
    assert not person.memberships.exists()


def test_an_expired_invitation_says_so(client, organisation, person):
    invitation = InvitationFactory(
        organisation=organisation, email=person.email, expires_at=timezone.now() - timedelta(1)
    )
    client.force_login(person)

    page = client.get(invitation_url(invitation)).content.decode()
    client.post(accept_url(invitation))

    assert "This invitation has expired" in page
    assert not person.memberships.exists()


def test_a_used_invitation_says_so(client, organisation, person):
    invitation = InvitationFactory(
        organisation=organisation, email=person.email, accepted_at=timezone.now()
    )
    client.force_login(person)

    assert "already been used" in client.get(invitation_url(invitation)).content.decode()


def test_accepting_needs_a_signed_in_person_and_a_post(client, organisation, person):
    invitation = InvitationFactory(organisation=organisation, email=person.email)

    assert reverse("account_login") in client.post(accept_url(invitation))["Location"]
    client.force_login(person)
    assert client.get(accept_url(invitation)).status_code == 405
    assert not person.memberships.exists()


def test_an_unknown_invitation_token_is_not_found(client):
    assert client.get("/en/account/invitations/no-such-token/").status_code == 404


# --- The account page and preferences ------------------------------------------------------


def test_the_account_page_shows_each_organisation_with_role_and_what_can_be_managed(
    client, organisation, other_organisation
):
    person = UserFactory(preferred_language="cy")
    MembershipFactory(person=person, organisation=organisation, role=Role.ADMIN)
    MembershipFactory(person=person, organisation=other_organisation, role=Role.EDITOR)
    client.force_login(person)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert organisation.name_en in page
    assert other_organisation.name_en in page
    assert "Organisation admin" in page
    assert "Editor" in page
    assert people_url(organisation) in page
    assert people_url(other_organisation) not in page
    assert "Cymraeg" in page


def test_centre_staff_see_every_organisations_people_page_on_their_account(
    client, centre_staff, organisation, other_organisation
):
    client.force_login(centre_staff)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert people_url(organisation) in page
    assert people_url(other_organisation) in page


def test_a_person_changes_their_name_and_email_language(client, person):
    client.force_login(person)

    response = client.post(
        reverse("accounts:preference_update"),
        {"full_name": "Gwen Evans", "preferred_language": "cy"},
    )

    assert response["Location"] == reverse("accounts:dashboard")
    person.refresh_from_db()
    assert (person.full_name, person.preferred_language) == ("Gwen Evans", "cy")


def test_the_preference_form_offers_each_language_in_its_own_name(client, person):
    client.force_login(person)

    page = client.get(reverse("accounts:preference_update")).content.decode()

    assert ">Cymraeg</label>" in page
    assert ">English</label>" in page


def test_the_preference_form_needs_a_language(client, person):
    client.force_login(person)

    response = client.post(
        reverse("accounts:preference_update"), {"full_name": "Gwen", "preferred_language": ""}
    )

    assert "Choose the language for your emails" in response.content.decode()
