"""A body imports its own inventory, whose columns and codes are not Porth's (ADR 0047).

In each language: the file's columns don't match, so the import stops at the page that
matches them; the person matches each column (and ignores one) without JavaScript, asks for
the values of the coded columns on the same page, says what "PERSON" and "LIVE SERVICE" mean,
checks the preview, imports, and finds the import in the body's list of past imports. axe-core
checks each page.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import PASSWORD, MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register.models import ImportMapping, Service, ServiceArea

from .test_register_import import _wait_for_the_worker

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "email": "Email address",
        "password": "Password",
        "sign_in": "Sign in",
        "file": "Upload a file",
        "upload": "Upload and check",
        "check_progress": "Check progress",
        "mapping": "Match your file's columns",
        "show": "Show the values for these columns",
        "save": "Save and check the file again",
        "confirm": "Confirm and import",
        "done": "Import complete",
        "history": "Your organisation's past imports",
        "imports": "Your organisation's imports",
    },
    "cy": {
        "email": "Cyfeiriad e-bost",
        "password": "Cyfrinair",
        "sign_in": "Mewngofnodi",
        "file": "Lanlwytho ffeil",
        "upload": "Lanlwytho a gwirio",
        "check_progress": "Gwirio'r cynnydd",
        "mapping": "Paru colofnau eich ffeil",
        "show": "Dangos y gwerthoedd ar gyfer y colofnau hyn",
        "save": "Cadw a gwirio'r ffeil eto",
        "confirm": "Cadarnhau a mewngludo",
        "done": "Mewngludo wedi'i gwblhau",
        "history": "Mewngludiadau blaenorol eich sefydliad",
        "imports": "Mewngludiadau eich sefydliad",
    },
}
COLUMNS = {
    "Service title": "name_en",
    "Teitl": "name_cy",
    "Summary": "description_en",
    "Crynodeb": "description_cy",
    "Area": "service_area",
    "Customer type": "users_served",
    "Stage": "phase",
    "Notes": "",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_file_with_its_own_columns_and_codes_is_matched_imported_and_listed(
    page: Page, site: str, language: str, axe_check, tmp_path: Path
) -> None:
    words = WORDS[language]
    organisation = Organisation.objects.order_by("pk").first()  # loaded by `site`
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).person
    ServiceArea.objects.get_or_create(
        code="waste-recycling", defaults={"name_en": "Waste", "name_cy": "Gwastraff"}
    )
    path = tmp_path / "inventory.csv"
    path.write_text(
        ",".join(COLUMNS)
        + "\nBook a skip,Archebu sgip,Hire a skip.,Llogi sgip.,waste-recycling,PERSON,"
        "LIVE SERVICE,Ask Sam\n",
        encoding="utf-8-sig",
    )

    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(words["email"], exact=True).fill(admin.email)
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"], exact=True).click()
    page.wait_for_load_state()

    page.goto(f"{site}/{language}/register/organisations/{organisation.slug}/imports/new/services/")
    page.get_by_label(words["file"]).set_input_files(path)
    page.get_by_role("button", name=words["upload"]).click()
    _wait_for_the_worker(page, words)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["mapping"])
    axe_check(page)

    for header, code in COLUMNS.items():
        page.get_by_label(header, exact=True).select_option(code)
    page.get_by_role("button", name=words["show"]).click()
    expect(page.get_by_label("“PERSON”")).to_be_visible()
    axe_check(page)
    page.get_by_label("“PERSON”").select_option("public")
    page.get_by_label("“LIVE SERVICE”").select_option("live")
    page.get_by_role("button", name=words["save"]).click()
    _wait_for_the_worker(page, words)
    name = "Archebu sgip" if language == "cy" else "Book a skip"
    expect(page.get_by_role("cell", name=name)).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name=words["confirm"]).click()
    _wait_for_the_worker(page, words)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
    service = Service.objects.get(organisation=organisation)
    assert service.phase == "live" and not service.phase_date_given
    assert list(service.users_served.values_list("code", flat=True)) == ["public"]
    assert ImportMapping.objects.get(organisation=organisation).columns["customer type"] == (
        "users_served"
    )

    page.get_by_role("link", name=words["history"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["imports"])
    expect(
        page.locator("#imports").get_by_role("link", name="inventory.csv", exact=True)
    ).to_be_visible()
    axe_check(page)
