from datetime import timedelta

import pytest
from django.utils import timezone, translation

from porth.accounts.queries import members_of, memberships_of, open_invitation, open_invitations_to
from porth.accounts.tests.factories import InvitationFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_members_are_listed_admins_first_then_by_name(organisation):
    MembershipFactory(organisation=organisation, person=UserFactory(full_name="Zoe"))
    MembershipFactory(organisation=organisation, person=UserFactory(full_name="Aled"))
    MembershipFactory(
        organisation=organisation, person=UserFactory(full_name="Mari"), role=Role.ADMIN
    )
    MembershipFactory()  # someone in another organisation

    names = [membership.person.full_name for membership in members_of(organisation)]

    assert names == ["Mari", "Aled", "Zoe"]


def test_open_invitations_leave_out_accepted_and_expired_ones(organisation):
    waiting = InvitationFactory(organisation=organisation)
    InvitationFactory(organisation=organisation, accepted_at=timezone.now())
    InvitationFactory(organisation=organisation, expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory()  # to another organisation

    assert list(open_invitations_to(organisation)) == [waiting]
    assert open_invitation(waiting.token) == waiting


def test_a_used_invitation_is_not_open(organisation):
    used = InvitationFactory(organisation=organisation, accepted_at=timezone.now())

    assert open_invitation(used.token) is None


def test_a_persons_organisations_are_alphabetical_in_the_language_being_read(person):
    MembershipFactory(
        person=person, organisation=OrganisationFactory(name_en="Anglesey", name_cy="Ynys Môn")
    )
    MembershipFactory(
        person=person, organisation=OrganisationFactory(name_en="Powys", name_cy="Powys")
    )

    with translation.override("en"):
        assert [m.organisation.name_en for m in memberships_of(person)] == ["Anglesey", "Powys"]
    with translation.override("cy"):
        assert [m.organisation.name_cy for m in memberships_of(person)] == ["Powys", "Ynys Môn"]
