"""Two editors change one service at once, each in their own browser (issue 9, finding 4).

The second to save is not allowed to undo the first editor's rename without seeing it: the
page says someone else has saved changes, shows what is saved now beside their version, and
lets them keep the saved version. Runs in each language, with axe-core on the conflict page.
"""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register import actions
from porth.register.forms import NameForm, OwnerForm
from porth.register.models import Phase, Service, ServiceArea
from porth.register.reference_data import seed

from .conftest import BROWSER_LOCALES
from .register_data import ORGANISATION_SLUG, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.journey_on_postgresql]


def _field(form, name: str) -> str:
    return str(form.base_fields[name].label)


def _service(organisation: Organisation) -> Service:
    return actions.create_service(
        organisation=organisation,
        details=actions.ServiceDetails(
            name_en="Book a bulky waste collection",
            name_cy="Trefnu casgliad gwastraff swmpus",
            description_en="Large items.",
            description_cy="Eitemau mawr.",
            service_area=ServiceArea.objects.get(code="waste-recycling"),
            users_served=["public"],
            channels={"online": True},
            owner_name="Alys Owen",
            owner_email="alys@example.gov.uk",
        ),
        phase=Phase.LIVE,
        phase_from=datetime.date(2024, 4, 1),
        created_by=None,
    )


def _change(page: Page, form, field: str, value: str, row: str = "") -> None:
    """From "Check your answers": follow the Change link of a row (named like the field unless
    `row` says otherwise), type, and go back to the answers."""
    row = row or _field(form, field)
    page.get_by_role("link", name=f"{gettext('Change')} {row.lower()}", exact=True).click()
    page.get_by_label(_field(form, field), exact=True).fill(value)
    page.get_by_role("button", name=gettext("Save and go back to your answers"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(gettext("Check your answers"))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_4_two_editors_in_two_browsers_cannot_undo_each_others_changes(
    page: Page, browser: Browser, site: str, language: str, axe_check
) -> None:
    seed()
    organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    first = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    second = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    service = _service(organisation)
    translation.activate(language)
    edit_url = f"{site}/{language}/register/services/{service.public_id}/edit/?start=1"

    other_context = browser.new_context(locale=BROWSER_LOCALES[language])
    other_context.set_default_timeout(10_000)
    other = other_context.new_page()
    try:
        sign_in(page, site, language, first.email)
        sign_in(other, site, language, second.email)
        # Both open the service's answers before either saves.
        page.goto(edit_url)
        other.goto(edit_url)

        # The second editor renames the service and saves first.
        _change(other, NameForm, "name_en", "Book a bulky item collection")
        other.get_by_role("button", name=gettext("Save changes"), exact=True).click()
        expect(other.get_by_text(gettext("Your changes have been saved."))).to_be_visible()

        # The first, working from the page they opened earlier, changes the owner and saves.
        _change(page, OwnerForm, "owner_name", "Rhian Lewis", row=gettext("Service owner"))
        page.get_by_role("button", name=gettext("Save changes"), exact=True).click()

        summary = page.locator(".govuk-error-summary")
        expect(summary.get_by_role("heading", level=2)).to_have_text(
            gettext("Someone else has saved changes since you started")
        )
        expect(
            summary.get_by_role("link", name=_field(NameForm, "name_en"), exact=True)
        ).to_be_visible()
        # Each difference is a summary list: what is saved now, then this editor's version.
        values = page.get_by_role("definition")
        expect(values.filter(has_text="Book a bulky item collection").first).to_be_visible()
        expect(values.filter(has_text="Rhian Lewis").first).to_be_visible()
        axe_check(page)
        service.refresh_from_db()
        assert (service.name_en, service.owner_name) == (
            "Book a bulky item collection",
            "Alys Owen",
        )

        # They keep the saved version: the rename stands and their own change is dropped.
        page.get_by_role("button", name=gettext("Keep the saved version"), exact=True).click()
        expect(page).to_have_url(
            re.compile(rf"/{language}/register/services/{service.public_id}/$")
        )
        service.refresh_from_db()
        assert (service.name_en, service.owner_name) == (
            "Book a bulky item collection",
            "Alys Owen",
        )
    finally:
        other_context.close()
