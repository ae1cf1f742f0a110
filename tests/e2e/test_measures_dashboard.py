"""Success measures in each language: centre staff set a target and see the status change;
anyone downloads a measure's CSV; the dashboard, a measure's page (its chart's table) and the
target form are checked with axe-core."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory
from porth.measures.actions import take_snapshots
from porth.organisations.models import Organisation
from porth.register.tests.factories import ServiceFactory
from tests.e2e.steps import sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "centre": "Success measures: centre view",
        "services": "Services recorded",
        "set_target": "Set the target for “Services recorded”",
        "target": "Target",
        "save": "Save target",
        "off": "Off target",
        "on": "On target",
        "none": "No target set",
        "download": "Download “Services recorded” as CSV",
        "footer": "Success measures",
        "required": "Enter a target",
        "close": "Close to target",
        "again": "Work the figures out again now",
        "queued": "The figures are being worked out again.",
        "region": "Region",
        "north": "North Wales",
        "apply": "Apply filters",
        "not_shown": "Not shown",
    },
    "cy": {
        "centre": "Mesurau llwyddiant: golwg y ganolfan",
        "services": "Gwasanaethau wedi'u cofnodi",
        "set_target": "Gosod y targed ar gyfer “Gwasanaethau wedi'u cofnodi”",
        "target": "Targed",
        "save": "Cadw'r targed",
        "off": "Oddi ar y targed",
        "on": "Ar y targed",
        "none": "Dim targed wedi'i osod",
        "download": "Lawrlwytho “Gwasanaethau wedi'u cofnodi” fel CSV",
        "footer": "Mesurau llwyddiant",
        "required": "Rhowch darged",
        "close": "Yn agos at y targed",
        "again": "Cyfrifo'r ffigurau eto nawr",
        "queued": "Mae'r ffigurau'n cael eu cyfrifo eto.",
        "region": "Rhanbarth",
        "north": "Gogledd Cymru",
        "apply": "Gweithredu hidlwyr",
        "not_shown": "Heb ei ddangos",
    },
}


def _tile(page: Page, name: str):
    return page.locator("section.measures-tile").filter(
        has=page.get_by_role("heading", name=name, exact=True)
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_set_a_target_and_see_the_status_change(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    ServiceFactory.create_batch(6, organisation=Organisation.objects.get(slug="cardiff"))
    take_snapshots(on=timezone.localdate())
    sign_in_as(page, site, CentreStaffFactory())

    page.goto(f"{site}/{language}/measures/centre/all/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["centre"])
    axe_check(page)
    tile = _tile(page, words["services"])
    expect(tile).to_contain_text(words["none"])

    # A target above the value: off target
    tile.get_by_role("link", name=words["set_target"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["save"]).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(words["required"])
    axe_check(page)
    page.get_by_label(words["target"], exact=True).fill("1000")
    page.get_by_role("button", name=words["save"]).click()
    expect(_tile(page, words["services"])).to_contain_text(words["off"])

    # Lowered to the value: on target
    _tile(page, words["services"]).get_by_role("link", name=words["set_target"]).click()
    page.get_by_label(words["target"], exact=True).fill("6")
    page.get_by_role("button", name=words["save"]).click()
    expect(_tile(page, words["services"])).to_contain_text(words["on"])
    axe_check(page)

    # A target just above the value: amber. The register grows, the figures are worked out
    # again, and the same target is met: green.
    _tile(page, words["services"]).get_by_role("link", name=words["set_target"]).click()
    page.get_by_label(words["target"], exact=True).fill("6.5")
    page.get_by_role("button", name=words["save"]).click()
    expect(_tile(page, words["services"])).to_contain_text(words["close"])
    ServiceFactory.create_batch(2, organisation=Organisation.objects.get(slug="cardiff"))
    page.get_by_role("button", name=words["again"]).click()
    # The button posts and is redirected back; reloading before that navigation has finished
    # races it ("Not attached to an active page"), so wait for the confirmation first.
    expect(page.get_by_text(words["queued"])).to_be_visible()
    page.reload()
    expect(_tile(page, words["services"])).to_contain_text(words["on"])
    expect(_tile(page, words["services"]).locator(".measures-tile__value")).to_have_text("8")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_anyone_reads_a_measure_and_its_table_and_downloads_its_csv(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    ServiceFactory.create_batch(3, organisation=Organisation.objects.get(slug="gwynedd"))
    take_snapshots(on=timezone.localdate())

    page.goto(f"{site}/{language}/")
    page.get_by_role("contentinfo").get_by_role("link", name=words["footer"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["footer"])
    axe_check(page)

    page.get_by_role("link", name=words["services"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["services"])
    table = page.get_by_role("table").first
    expect(table).to_contain_text("3")
    expect(page.get_by_role("img", name=re.compile(re.escape(words["services"])))).to_be_visible()
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=words["download"]).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Measure key / Allwedd y mesur,Measure in English / Mesur yn Saesneg")
    assert "register.services_recorded" in text

    # Filtered to one region, 3 services are too few to show.
    page.goto(f"{site}/{language}/measures/")
    page.get_by_label(words["region"]).select_option(label=words["north"])
    page.get_by_role("button", name=words["apply"]).click()
    expect(page).to_have_url(re.compile(r"region=north"))
    expect(_tile(page, words["services"])).to_contain_text(words["not_shown"])
    axe_check(page)
