"""`manage.py create_demo_accounts`: one account per role, ready to sign in (see demo.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.accounts.authenticators import current_code
from porth.accounts.demo import DEMO_TOTP_SECRET, DemoOrganisationsMissing, create_demo_accounts


class Command(BaseCommand):
    help = (
        "Create a demo account for each role (centre staff, organisation admin, editor, member). "
        "Safe to run again. Prints the sign-in details when DEBUG is on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help=(
                "Run even though DEBUG is off. The demo password and authenticator secret are "
                "public, so only do this on a site that holds demo data."
            ),
        )

    def handle(self, *args, allow_without_debug: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off, so this may be a real site, and the demo accounts' password and "
                "authenticator secret are public. Pass --allow-without-debug if you are sure."
            )
        try:
            people = create_demo_accounts()
        except DemoOrganisationsMissing as error:
            raise CommandError(
                f"The organisations the demo accounts belong to are not loaded ({error}). "
                "Run `manage.py load_organisations` first."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"{len(people)} demo accounts are ready."))
        if not settings.DEBUG:
            # Never print a shared password where the site may be public.
            self.stdout.write("Sign-in details are printed only when DEBUG is on.")
            return
        self._print_sign_in_details(people)

    def _print_sign_in_details(self, people) -> None:
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
        for row in rows:
            cells = zip(row, widths, strict=True)
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in cells))
        self.stdout.write(f"\nPassword for every demo account: {settings.PORTH_DEMO_PASSWORD}")
        self.stdout.write(
            f"Authenticator secret for accounts with two-factor: {DEMO_TOTP_SECRET}\n"
            "Add it to any authenticator app (type the key in instead of scanning a QR code).\n"
            f"Code right now: {current_code(DEMO_TOTP_SECRET)} (it changes every 30 seconds)."
        )
