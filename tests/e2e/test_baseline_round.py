"""A baseline round from opening to closing, in each language.

Centre staff open a round for the principal councils; an organisation admin of one council
confirms its services, says none are missing, marks its figures complete and signs off; centre
staff see the council at 100% and close the round. Every round page is checked with axe-core.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register.tests.factories import ServiceAreaFactory, ServiceFactory
from tests.e2e.steps import fill_date, sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "rounds": "Baseline rounds",
        "open_a_round": "Open a round",
        "name_en": "Name of the round in English",
        "name_cy": "Name of the round in Welsh",
        "council": "Principal council",
        "open_round": "Open round",
        "confirm_task": "Confirm each service is current",
        "confirm_all": "Confirm all as current",
        "back_to_tasks": "Return to your task list",
        "missing_task": "Add any missing services",
        "none_missing": "No services are missing",
        "figures_task": "Give figures for the period",
        "mark_complete": "Mark as complete",
        "sign_off": "Sign off",
        "signed_off": "Your organisation has signed off this round.",
        "completed": "You have completed 4 of 4 tasks.",
        "show": "Show",
        "signed_off_option": "Bodies that have signed off",
        "apply": "Apply filters",
        "close_this_round": "Close this round",
        "close_round": "Close round",
        "closed": "Closed",
    },
    "cy": {
        "rounds": "Cylchoedd llinell sylfaen",
        "open_a_round": "Agor cylch",
        "name_en": "Enw'r cylch yn Saesneg",
        "name_cy": "Enw'r cylch yn Gymraeg",
        "council": "Prif gyngor",
        "open_round": "Agor y cylch",
        "confirm_task": "Cadarnhau bod pob gwasanaeth yn gyfredol",
        "confirm_all": "Cadarnhau bod y cyfan yn gyfredol",
        "back_to_tasks": "Dychwelyd i'ch rhestr dasgau",
        "missing_task": "Ychwanegu unrhyw wasanaethau sydd ar goll",
        "none_missing": "Nid oes gwasanaethau ar goll",
        "figures_task": "Rhoi ffigurau ar gyfer y cyfnod",
        "mark_complete": "Marcio ei bod wedi'i chwblhau",
        "sign_off": "Cymeradwyo",
        "signed_off": "Mae eich sefydliad wedi cymeradwyo'r cylch hwn.",
        "completed": "Rydych wedi cwblhau 4 o 4 tasg.",
        "show": "Dangos",
        "signed_off_option": "Cyrff sydd wedi cymeradwyo",
        "apply": "Gweithredu hidlwyr",
        "close_this_round": "Cau'r cylch hwn",
        "close_round": "Cau'r cylch",
        "closed": "Ar gau",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_run_a_baseline_round_to_sign_off(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    cardiff = Organisation.objects.get(slug="cardiff")
    ServiceAreaFactory(code="housing", name_en="Housing", name_cy="Tai")
    ServiceFactory.create_batch(2, organisation=cardiff)
    staff = CentreStaffFactory()
    admin = MembershipFactory(organisation=cardiff, role=Role.ADMIN).person
    deadline = timezone.localdate() + datetime.timedelta(days=20)

    # Centre staff open the round.
    sign_in_as(page, site, staff)
    page.goto(f"{site}/{language}/")
    page.get_by_role("link", name=words["rounds"], exact=True).first.click()
    axe_check(page)
    page.get_by_role("button", name=words["open_a_round"]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_label(words["name_en"]).fill("Baseline 2025")
    page.get_by_label(words["name_cy"]).fill("Llinell sylfaen 2025")
    fill_date(page, "period_start", datetime.date(2025, 4, 1))
    fill_date(page, "period_end", datetime.date(2025, 6, 30))
    fill_date(page, "deadline", deadline)
    page.get_by_label(words["council"], exact=True).check()
    page.get_by_role("button", name=words["open_round"]).click()
    round_name = "Baseline 2025" if language == "en" else "Llinell sylfaen 2025"
    expect(page.get_by_role("heading", level=1)).to_have_text(round_name)
    dashboard_url = page.url
    axe_check(page)

    # The council's organisation admin works through the task list.
    sign_in_as(page, site, admin)
    page.goto(f"{site}/{language}/")
    page.get_by_role("link", name=words["rounds"], exact=True).first.click()
    page.get_by_role("link", name=re.compile(re.escape(round_name))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(round_name)
    axe_check(page)

    page.get_by_role("link", name=words["confirm_task"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["confirm_all"]).click()
    page.get_by_role("link", name=words["back_to_tasks"]).click()

    page.get_by_role("link", name=words["missing_task"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["none_missing"]).click()

    page.get_by_role("link", name=words["figures_task"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["mark_complete"]).click()

    page.get_by_role("link", name=words["sign_off"], exact=True).click()
    axe_check(page)
    page.get_by_role("button", name=words["sign_off"], exact=True).click()
    expect(page.get_by_text(words["signed_off"])).to_be_visible()
    expect(page.get_by_text(words["completed"])).to_be_visible()
    axe_check(page)

    # Centre staff see the council at 100% and close the round.
    sign_in_as(page, site, staff)
    page.goto(dashboard_url)
    page.get_by_label(words["show"]).select_option(label=words["signed_off_option"])
    page.get_by_role("button", name=words["apply"]).click()
    row = page.get_by_role("row").filter(
        has_text=cardiff.name_cy if language == "cy" else cardiff.name_en
    )
    expect(row).to_contain_text("100%")
    axe_check(page)
    page.get_by_role("button", name=words["close_this_round"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["close_round"]).click()
    expect(page.get_by_text(words["closed"], exact=True).first).to_be_visible()
    axe_check(page)
