"""Demo accounts, one for each role, so that a newcomer can sign in and try every page.

Made by `manage.py seed --demo` (and `make demo`). Every account shares the password
settings.PORTH_DEMO_PASSWORD. Centre staff and organisation admins must use two-factor
authentication, so their accounts come with an authenticator app already set up with
DEMO_TOTP_SECRET: type it into any authenticator app (it is the "key" the set-up page shows),
or take the current code that the command prints.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from porth.core.permissions import Role
from porth.core.seeding import SeedOptions
from porth.organisations.models import Organisation

from .authenticators import current_code, give_authenticator
from .models import Membership, User

DEPENDS_ON = ("organisations",)

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


CMS_GROUP = "Moderators"


class DemoOrganisationsMissing(Exception):
    """The organisations the demo accounts belong to have not been loaded."""


def _cms_group() -> Group:
    """Wagtail's Moderators group (made by its migrations), so demo centre staff can open /cms/.

    Without it the demo's centre staff met an endless redirect at /cms/ (issue 12, finding 2).
    """
    group, created = Group.objects.get_or_create(name=CMS_GROUP)
    if created or not group.permissions.filter(codename="access_admin").exists():
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


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
        if account.is_centre_staff:
            person.groups.add(_cms_group())
        if person.needs_two_factor:
            give_authenticator(person, DEMO_TOTP_SECRET)
        people.append(person)
    return people


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """With `demo`, make the demo accounts; production gets no accounts from here.

    The sign-in details are printed only when DEBUG is on, never where the site may be public.
    """
    if not demo:
        return
    people = create_demo_accounts()
    out(f"{len(people)} demo accounts are ready.")
    if not settings.DEBUG:
        out("Sign-in details are printed only when DEBUG is on.")
        return
    for line in sign_in_details(people):
        out(line)


def sign_in_details(people: list[User]) -> list[str]:
    """A table of the demo accounts, then the shared password and authenticator secret."""
    rows = [("Email", "Role", "Emails in", "Two-factor")]
    for person in people:
        roles = [
            f"{membership.get_role_display()} ({membership.organisation.name_en})"
            for membership in person.memberships.select_related("organisation")
        ]
        role = "Centre staff" if person.is_centre_staff else ", ".join(roles)
        two_factor = "yes" if person.needs_two_factor else "no"
        rows.append((person.email, role, person.preferred_language, two_factor))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return [
        *lines,
        "",
        f"Password for every demo account: {settings.PORTH_DEMO_PASSWORD}",
        f"Authenticator secret for accounts with two-factor: {DEMO_TOTP_SECRET}",
        "Add it to any authenticator app (type the key in instead of scanning a QR code).",
        f"Code right now: {current_code(DEMO_TOTP_SECRET)} (it changes every 30 seconds).",
    ]
