"""Register data the browser tests share (a body's services with figures, history and people),
and signing in as one of those people.

Made through the register's own actions (as `porth.open_data.tests.factories` does), so the
pages show what a real editor would leave behind: history entries, phases, figures over time.
"""

import datetime
import re
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import PASSWORD, CentreStaffFactory, MembershipFactory
from porth.core.permissions import Role
from porth.open_data.actions import create_token, take_snapshot
from porth.open_data.models import RegisterSnapshot
from porth.open_data.tests.factories import make_service, record, service_details
from porth.organisations.models import Organisation
from porth.register import actions
from porth.register.models import Service
from porth.register.reference_data import seed

# A body from the committed list of Welsh public bodies, and another to filter by.
ORGANISATION_SLUG = "cardiff"
OTHER_ORGANISATION_SLUG = "swansea"


SIGN_IN = {
    "en": ("Email address", "Password", "Sign in"),
    "cy": ("Cyfeiriad e-bost", "Cyfrinair", "Mewngofnodi"),
}


@dataclass
class RegisterData:
    service: Service
    editor_email: str
    centre_staff_email: str
    snapshot: RegisterSnapshot


def _months(count: int) -> list[datetime.date]:
    return [datetime.date(2025, month, 1) for month in range(1, count + 1)]


def make_register_data(*, extra_services: int = 0) -> RegisterData:
    """Two bodies' services; the first has figures over several months and a change history."""
    # The live server flushes the database after a module, migrations' reference data included.
    seed()
    organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    other = Organisation.objects.get(slug=OTHER_ORGANISATION_SLUG)
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    centre_staff = CentreStaffFactory()
    create_token(person=editor, name="Nightly export")

    service = make_service(organisation, by=editor)
    for month, value in zip(_months(4), ["61", "64", "70", "72"], strict=True):
        record(service, "user-satisfaction", month, value, by=editor)
        record(service, "completion-rate", month, str(int(value) + 10), by=editor)
    record(service, "digital-take-up", datetime.date(2025, 1, 1), None, reason="Not measured yet")
    make_service(
        other,
        phase="public_beta",
        name_en="Apply for a parking permit",
        name_cy="Gwneud cais am drwydded barcio",
        channels={"online": True, "phone": True},
    )
    snapshot = take_snapshot(label_en="Before the rename", label_cy="Cyn ailenwi")
    actions.update_service(
        service=service,
        details=service_details(name_en="Report a pothole or a broken pavement"),
        changed_by=editor,
    )
    for number in range(extra_services):
        make_service(
            organisation if number % 2 else other,
            name_en=f"Book a room {number:02}",
            name_cy=f"Archebu ystafell {number:02}",
        )
    take_snapshot(label_en="After the rename", label_cy="Ar ôl ailenwi")
    service.refresh_from_db()
    return RegisterData(
        service=service,
        editor_email=editor.email,
        centre_staff_email=centre_staff.email,
        snapshot=snapshot,
    )


def sign_in(page: Page, site: str, language: str, email: str) -> None:
    """Sign in through the form, as a person would (two-factor is off in the test settings)."""
    label_email, label_password, button = SIGN_IN[language]
    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(label_email, exact=True).fill(email)
    page.get_by_label(label_password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button, exact=True).click()
    # Waits for the redirect away from the form (a bare load-state wait can see the old page).
    expect(page, f"{email} could not sign in").not_to_have_url(re.compile("/accounts/login/"))
