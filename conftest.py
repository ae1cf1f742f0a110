"""Fixtures shared by every app's tests."""

import pytest

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory()


def _person_with_role(organisation, role: Role):
    return MembershipFactory(organisation=organisation, role=role).person


@pytest.fixture
def member(organisation):
    return _person_with_role(organisation, Role.MEMBER)


@pytest.fixture
def editor(organisation):
    return _person_with_role(organisation, Role.EDITOR)


@pytest.fixture
def organisation_admin(organisation):
    return _person_with_role(organisation, Role.ADMIN)


@pytest.fixture
def outsider(other_organisation):
    """An organisation admin of a different body: the person every refusal test uses."""
    return _person_with_role(other_organisation, Role.ADMIN)


@pytest.fixture
def centre_staff(db):
    return CentreStaffFactory()


@pytest.fixture
def person(db):
    return UserFactory()
