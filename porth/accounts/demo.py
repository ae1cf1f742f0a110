"""Demo accounts, one for each role, so that a newcomer can sign in and try every page.

Used by `manage.py create_demo_accounts` (and `make demo`). Every account shares the password
settings.PORTH_DEMO_PASSWORD. Centre staff and organisation admins must use two-factor
authentication, so their accounts come with an authenticator app already set up with
DEMO_TOTP_SECRET: type it into any authenticator app (it is the "key" the set-up page shows),
or take the current code that the command prints.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from porth.core.permissions import Role
from porth.organisations.models import Organisation

from .authenticators import give_authenticator
from .models import Membership, User

# Base32, as authenticator apps expect. Public on purpose: it protects demo data only.
DEMO_TOTP_SECRET = "PORTHDEMOPORTHDEMOPORTHDEMOPORTH"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    language: str
    organisation_slug: str | None = None
    role: Role | None = None
    is_centre_staff: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("centre-staff@porth.example", "Demo centre staff", "en", is_centre_staff=True),
    DemoAccount("admin@porth.example", "Demo organisation admin", "en", "cardiff", Role.ADMIN),
    DemoAccount("editor@porth.example", "Demo editor", "cy", "cardiff", Role.EDITOR),
    DemoAccount("member@porth.example", "Demo member", "cy", "gwynedd", Role.MEMBER),
]


class DemoOrganisationsMissing(Exception):
    """The organisations the demo accounts belong to have not been loaded."""


@transaction.atomic
def create_demo_accounts() -> list[User]:
    """Create the demo accounts, or bring them back to their demo state. Safe to run again."""
    slugs = {account.organisation_slug for account in DEMO_ACCOUNTS} - {None}
    organisations = Organisation.objects.in_bulk(slugs, field_name="slug")
    if missing := sorted(slugs - set(organisations)):
        raise DemoOrganisationsMissing(", ".join(missing))
    people = []
    for account in DEMO_ACCOUNTS:
        person, _created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "full_name": account.full_name,
                "preferred_language": account.language,
                "is_centre_staff": account.is_centre_staff,
                "is_active": True,
            },
        )
        person.set_password(settings.PORTH_DEMO_PASSWORD)
        person.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=person, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.organisation_slug:
            Membership.objects.update_or_create(
                person=person,
                organisation=organisations[account.organisation_slug],
                defaults={"role": account.role},
            )
        if person.needs_two_factor:
            give_authenticator(person, DEMO_TOTP_SECRET)
        people.append(person)
    return people
