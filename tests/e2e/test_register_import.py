"""An organisation admin imports a spreadsheet of services and sees them in the register.

The journey runs in each language: sign in, open the import from the register, upload a file
with a mistake, read the problem, upload the corrected file, check the preview, confirm, read
the summary and find the service in the register. axe-core checks each import page. Tests run
the task queue immediately, so the progress page may already show the preview.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import PASSWORD, MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register.models import ServiceArea

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "email": "Email address",
        "password": "Password",
        "sign_in": "Sign in",
        "import": "Import services from a spreadsheet",
        "file": "Upload a file",
        "upload": "Upload and check",
        "problem": "There is no service area with the code “no-such-area”",
        "again": "Upload a file again",
        "check_progress": "Check progress",
        "confirm": "Confirm and import",
        "done": "Import complete",
        "see": "See your services in the register",
    },
    "cy": {
        "email": "Cyfeiriad e-bost",
        "password": "Cyfrinair",
        "sign_in": "Mewngofnodi",
        "import": "Mewngludo gwasanaethau o daenlen",
        "file": "Lanlwytho ffeil",
        "upload": "Lanlwytho a gwirio",
        "problem": "Nid oes maes gwasanaeth gyda'r cod “no-such-area”",
        "again": "Lanlwytho ffeil eto",
        "check_progress": "Gwirio'r cynnydd",
        "confirm": "Cadarnhau a mewngludo",
        "done": "Mewngludo wedi'i gwblhau",
        "see": "Gweld eich gwasanaethau yn y gofrestr",
    },
}
HEADERS = (
    "Enw (Saesneg),Enw (Cymraeg),Disgrifiad (Saesneg),Disgrifiad (Cymraeg),Cod y maes gwasanaeth"
)


def _spreadsheet(folder: Path, area: str) -> Path:
    path = folder / f"services-{area}.csv"
    path.write_text(
        f"{HEADERS}\n"
        f'Book a skip,Archebu sgip,"Hire a skip for\nbuilding waste.",Llogi sgip ar gyfer gwastraff'
        f" adeiladu ŵ ŷ â.,{area}\n",
        encoding="utf-8-sig",
    )
    return path


def _wait_for_the_worker(page: Page, words: dict) -> None:
    """Without the script, the page says to check progress; with it, it reloads by itself."""
    button = page.get_by_role("button", name=words["check_progress"])
    for _ in range(20):
        if not button.count():
            return
        button.click()
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_organisation_admin_imports_a_spreadsheet_and_confirms_it(
    page: Page, site: str, language: str, axe_check, tmp_path: Path
) -> None:
    words = WORDS[language]
    organisation = Organisation.objects.order_by("pk").first()  # loaded by `site`
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).person
    # The live server flushes the database after each test, data migrations' rows included.
    ServiceArea.objects.get_or_create(
        code="waste-recycling", defaults={"name_en": "Waste", "name_cy": "Gwastraff"}
    )

    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(words["email"], exact=True).fill(admin.email)
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"], exact=True).click()
    page.wait_for_load_state()

    page.goto(f"{site}/{language}/register/")
    page.get_by_role("link", name=words["import"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["import"])
    axe_check(page)

    page.get_by_label(words["file"]).set_input_files(_spreadsheet(tmp_path, "no-such-area"))
    page.get_by_role("button", name=words["upload"]).click()
    _wait_for_the_worker(page, words)
    # The table of every problem (the grouped table above it shows the same message).
    expect(page.locator("#problems").get_by_role("cell", name=words["problem"])).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name=words["again"]).first.click()
    page.get_by_label(words["file"]).set_input_files(_spreadsheet(tmp_path, "waste-recycling"))
    page.get_by_role("button", name=words["upload"]).click()
    _wait_for_the_worker(page, words)
    expect(
        page.get_by_role("cell", name="Archebu sgip" if language == "cy" else "Book a skip")
    ).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name=words["confirm"]).click()
    _wait_for_the_worker(page, words)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
    axe_check(page)

    page.get_by_role("link", name=words["see"]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/register/"))
    name = "Archebu sgip" if language == "cy" else "Book a skip"
    expect(page.get_by_role("link", name=name)).to_be_visible()
