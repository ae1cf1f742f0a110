from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from porth.accounts import actions
from porth.accounts.models import Invitation, Membership
from porth.accounts.tests.factories import InvitationFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role, role_in

pytestmark = pytest.mark.django_db


def invite(organisation, invited_by, email="new.person@example.gov.uk", role=Role.EDITOR):
    return actions.invite_person(
        organisation=organisation, email=email, role=role, language="en", invited_by=invited_by
    )


# --- Inviting ------------------------------------------------------------------------------


def test_an_admin_invites_someone_and_they_get_an_email_with_the_link(
    organisation, organisation_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(organisation, organisation_admin, email="New.Person@Example.gov.uk")

    assert invitation.email == "new.person@example.gov.uk"
    assert invitation.role == Role.EDITOR
    assert invitation.is_open
    [email] = mail.outbox
    assert email.to == ["new.person@example.gov.uk"]
    assert f"/en/account/invitations/{invitation.token}/" in email.body
    assert organisation.name_en in email.subject


def test_no_email_leaves_until_the_invitation_is_saved(
    organisation, organisation_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(organisation, organisation_admin)

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_centre_staff_can_invite_people_to_any_organisation(organisation, centre_staff):
    assert invite(organisation, centre_staff).organisation == organisation


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider", "person"])
def test_only_an_admin_of_the_organisation_may_invite(request, organisation, fixture):
    someone = request.getfixturevalue(fixture)

    with pytest.raises(actions.NotAnAdministrator):
        invite(organisation, someone)
    assert not Invitation.objects.exists()


def test_inviting_a_current_member_is_refused(organisation, organisation_admin, member):
    with pytest.raises(actions.AlreadyMember):
        invite(organisation, organisation_admin, email=member.email.upper())


def test_a_new_invitation_replaces_the_open_one_to_the_same_address(
    organisation, organisation_admin
):
    first = invite(organisation, organisation_admin)
    second = invite(organisation, organisation_admin)

    first.refresh_from_db()
    assert not first.is_open
    assert second.is_open


def test_someone_with_an_account_is_invited_in_the_language_they_chose(
    organisation, organisation_admin
):
    welsh_speaker = UserFactory(preferred_language="cy")

    invitation = invite(organisation, organisation_admin, email=welsh_speaker.email)

    assert invitation.language == "cy"


def test_a_role_that_does_not_exist_is_refused(organisation, organisation_admin):
    with pytest.raises(ValueError):
        invite(organisation, organisation_admin, role=99)


# --- Accepting -----------------------------------------------------------------------------


def test_accepting_makes_the_person_a_member_with_the_offered_role(organisation):
    person = UserFactory(email="invitee@example.gov.uk")
    invitation = InvitationFactory(
        organisation=organisation, email="Invitee@example.gov.uk", role=Role.ADMIN
    )

    membership = actions.accept_invitation(invitation=invitation, person=person)

    assert (membership.person, membership.organisation, membership.role) == (
        person,
        organisation,
        Role.ADMIN,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_the_person_who_accepts_holds_the_role_at_once_though_their_roles_were_read_before(
    organisation,
):
    person = UserFactory(email="invitee@example.gov.uk")
    invitation = InvitationFactory(organisation=organisation, email=person.email, role=Role.EDITOR)
    assert role_in(person, organisation) is None  # their memberships are now kept with them

    actions.accept_invitation(invitation=invitation, person=person)

    assert role_in(person, organisation) == Role.EDITOR


def test_an_invitation_works_only_once(organisation):
    person = UserFactory()
    invitation = InvitationFactory(organisation=organisation, email=person.email)
    actions.accept_invitation(invitation=invitation, person=person)
    Membership.objects.all().delete()

    with pytest.raises(actions.InvitationAlreadyUsed):
        actions.accept_invitation(invitation=invitation, person=person)


def test_an_expired_invitation_is_refused(organisation):
    person = UserFactory()
    invitation = InvitationFactory(
        organisation=organisation,
        email=person.email,
        expires_at=timezone.now() - timedelta(minutes=1),
    )

    with pytest.raises(actions.InvitationExpired):
        actions.accept_invitation(invitation=invitation, person=person)
    assert not Membership.objects.filter(person=person).exists()


def test_an_invitation_for_another_address_is_refused(organisation, person):
    invitation = InvitationFactory(organisation=organisation, email="someone.else@example.gov.uk")

    with pytest.raises(actions.InvitationForSomeoneElse):
        actions.accept_invitation(invitation=invitation, person=person)
    assert not Membership.objects.filter(person=person).exists()


def test_accepting_when_already_a_member_is_refused(organisation, member):
    invitation = InvitationFactory(organisation=organisation, email=member.email)

    with pytest.raises(actions.AlreadyMember):
        actions.accept_invitation(invitation=invitation, person=member)


# --- Changing roles ------------------------------------------------------------------------


def test_an_admin_changes_a_members_role(organisation, organisation_admin, member):
    membership = member.memberships.get()

    actions.change_role(membership=membership, role=Role.EDITOR, changed_by=organisation_admin)

    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider"])
def test_only_an_admin_of_the_organisation_may_change_roles(request, organisation, fixture):
    someone = request.getfixturevalue(fixture)
    membership = MembershipFactory(organisation=organisation, role=Role.MEMBER)

    with pytest.raises(actions.NotAnAdministrator):
        actions.change_role(membership=membership, role=Role.ADMIN, changed_by=someone)
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_the_last_admin_cannot_be_demoted(organisation, organisation_admin):
    membership = organisation_admin.memberships.get()

    with pytest.raises(actions.LastAdminCannotLeave):
        actions.change_role(membership=membership, role=Role.EDITOR, changed_by=organisation_admin)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_the_last_admin_cannot_be_demoted_by_centre_staff_either(
    organisation, organisation_admin, centre_staff
):
    with pytest.raises(actions.LastAdminCannotLeave):
        actions.change_role(
            membership=organisation_admin.memberships.get(),
            role=Role.MEMBER,
            changed_by=centre_staff,
        )


def test_an_admin_can_step_down_when_another_admin_remains(organisation, organisation_admin):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    membership = organisation_admin.memberships.get()

    actions.change_role(membership=membership, role=Role.EDITOR, changed_by=organisation_admin)

    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    assert role_in(organisation_admin, organisation) == Role.EDITOR  # not the kept ADMIN


def test_an_admin_of_another_organisation_does_not_count_as_a_remaining_admin(
    organisation, organisation_admin, outsider
):
    with pytest.raises(actions.LastAdminCannotLeave):
        actions.change_role(
            membership=organisation_admin.memberships.get(),
            role=Role.EDITOR,
            changed_by=organisation_admin,
        )


# --- Removing ------------------------------------------------------------------------------


def test_an_admin_removes_a_member(organisation, organisation_admin, member):
    actions.remove_membership(membership=member.memberships.get(), removed_by=organisation_admin)

    assert not member.memberships.exists()


@pytest.mark.parametrize("fixture", ["member", "editor", "outsider"])
def test_only_an_admin_of_the_organisation_may_remove_people(request, organisation, fixture):
    someone = request.getfixturevalue(fixture)
    membership = MembershipFactory(organisation=organisation)

    with pytest.raises(actions.NotAnAdministrator):
        actions.remove_membership(membership=membership, removed_by=someone)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_admin_cannot_be_removed(organisation, organisation_admin, centre_staff):
    with pytest.raises(actions.LastAdminCannotLeave):
        actions.remove_membership(
            membership=organisation_admin.memberships.get(), removed_by=centre_staff
        )
    assert organisation_admin.memberships.exists()


def test_an_admin_can_leave_when_another_admin_remains(organisation, organisation_admin):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)

    actions.remove_membership(
        membership=organisation_admin.memberships.get(), removed_by=organisation_admin
    )

    assert not organisation_admin.memberships.exists()
    assert role_in(organisation_admin, organisation) is None  # not the kept ADMIN


# --- Preferences ---------------------------------------------------------------------------


def test_preferences_record_the_name_and_email_language(person):
    actions.update_preferences(person=person, full_name="  Siân Jones ", preferred_language="cy")

    person.refresh_from_db()
    assert (person.full_name, person.preferred_language) == ("Siân Jones", "cy")
