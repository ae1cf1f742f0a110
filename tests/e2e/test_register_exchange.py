"""A body imports a file whose row looks like one of its services (ADR 0040).

In each language: the row has no service ID and no reference, so the preview flags it as a
possible duplicate instead of changing the service; the person links it to that service with
the no-JavaScript form, checks again, reads the before and after, downloads the preview,
confirms, and sees the change. axe-core checks each page.
"""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import PASSWORD, MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register.models import Phase, Service, ServiceArea

from .test_register_import import HEADERS, _wait_for_the_worker

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "email": "Email address",
        "password": "Password",
        "sign_in": "Sign in",
        "file": "Upload a file",
        "upload": "Upload and check",
        "check_progress": "Check progress",
        "flagged": "Possible duplicate of",
        "link": "Link it to",
        "again": "Check the file again with these choices",
        "confirm": "Confirm and import",
        "done": "Import complete",
        "download": "CSV",
    },
    "cy": {
        "email": "Cyfeiriad e-bost",
        "password": "Cyfrinair",
        "sign_in": "Mewngofnodi",
        "file": "Lanlwytho ffeil",
        "upload": "Lanlwytho a gwirio",
        "check_progress": "Gwirio'r cynnydd",
        "flagged": "Dyblygiad posibl o",
        "link": "Ei chysylltu â",
        "again": "Gwirio'r ffeil eto gyda'r dewisiadau hyn",
        "confirm": "Cadarnhau a mewngludo",
        "done": "Mewngludo wedi'i gwblhau",
        "download": "CSV",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_possible_duplicate_is_linked_on_the_preview_and_then_imported(
    page: Page, site: str, language: str, axe_check, tmp_path: Path
) -> None:
    words = WORDS[language]
    organisation = Organisation.objects.order_by("pk").first()  # loaded by `site`
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).person
    area, _ = ServiceArea.objects.get_or_create(
        code="waste-recycling", defaults={"name_en": "Waste", "name_cy": "Gwastraff"}
    )
    service = Service.objects.create(
        public_id="PS-990001",
        organisation=organisation,
        name_en="Book a skip",
        name_cy="Archebu sgip",
        description_en="Old words.",
        description_cy="Hen eiriau.",
        service_area=area,
        phase=Phase.LIVE,
        phase_since=datetime.date(2024, 1, 1),
    )
    path = tmp_path / "skips.csv"
    path.write_text(
        f"{HEADERS}\nBook a skip,Archebu sgip,Hire a skip.,Llogi sgip.,waste-recycling\n",
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
    expect(page.get_by_text(f"{words['flagged']} PS-990001").first).to_be_visible()
    expect(page.get_by_role("button", name=words["confirm"])).to_have_count(0)
    axe_check(page)

    page.get_by_label(words["link"]).check()
    page.get_by_role("button", name=words["again"]).click()
    _wait_for_the_worker(page, words)
    expect(page.locator("#preview-rows ins").first).to_have_text("Hire a skip.")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=words["download"], exact=True).first.click()
    assert "Hire a skip." in Path(download.value.path()).read_text(encoding="utf-8-sig")

    page.get_by_role("button", name=words["confirm"]).click()
    _wait_for_the_worker(page, words)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["done"])
    axe_check(page)
    service.refresh_from_db()
    assert service.description_en == "Hire a skip."
    assert Service.objects.filter(organisation=organisation).count() == 1
