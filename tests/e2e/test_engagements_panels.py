"""A panel meeting and its actions, in each language, every page checked with axe-core.

Centre staff open the advisory panel from "Our work", record a meeting, add an action, mark it
done and publish the minutes in both languages; the public then reads the minutes.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory
from porth.panels import actions
from tests.e2e.steps import fill_date, sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "our_work": "Our work",
        "panels": "Panels",
        "advisory": "Advisory panel",
        "record": "Record a meeting",
        "agenda_en": "Agenda in English",
        "agenda_cy": "Agenda in Welsh",
        "save": "Save",
        "error": "Enter the agenda in Welsh",
        "add_action": "Add an action",
        "action_en": "Action in English",
        "action_cy": "Action in Welsh",
        "owner": "Owner",
        "mark_done": "Mark as done",
        "done": "Done",
        "minutes": "Write the minutes",
        "minutes_en": "Minutes in English",
        "minutes_cy": "Minutes in Welsh",
        "publish": "Publish the minutes",
    },
    "cy": {
        "our_work": "Ein gwaith",
        "panels": "Paneli",
        "advisory": "Panel cynghori",
        "record": "Cofnodi cyfarfod",
        "agenda_en": "Agenda yn Saesneg",
        "agenda_cy": "Agenda yn Gymraeg",
        "save": "Cadw",
        "error": "Rhowch yr agenda yn Gymraeg",
        "add_action": "Ychwanegu cam gweithredu",
        "action_en": "Cam gweithredu yn Saesneg",
        "action_cy": "Cam gweithredu yn Gymraeg",
        "owner": "Perchennog",
        "mark_done": "Marcio wedi’i wneud",
        "done": "Wedi’i wneud",
        "minutes": "Ysgrifennu'r cofnodion",
        "minutes_en": "Cofnodion yn Saesneg",
        "minutes_cy": "Cofnodion yn Gymraeg",
        "publish": "Cyhoeddi'r cofnodion",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_record_a_panel_meeting_and_its_actions(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    actions.add_panel(
        by=None,
        slug="advisory-panel",
        name_en="Advisory panel",
        name_cy="Panel cynghori",
        purpose_en="Advice and challenge.",
        purpose_cy="Cyngor a her.",
    )
    sign_in_as(page, site, CentreStaffFactory())
    page.goto(f"{site}/{language}/")
    page.get_by_role("link", name=words["our_work"], exact=True).first.click()
    page.get_by_role("link", name=words["panels"], exact=True).click()
    axe_check(page)
    page.get_by_role("link", name=words["advisory"]).click()
    axe_check(page)
    page.get_by_role("button", name=words["record"]).click()
    axe_check(page)
    fill_date(page, "held_on", datetime.date(2024, 11, 18))
    page.get_by_label(words["agenda_en"]).fill("The draft standards")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("link", name=words["error"])).to_be_visible()
    expect(page.get_by_label(words["agenda_en"])).to_have_value("The draft standards")
    axe_check(page)
    page.get_by_label(words["agenda_cy"]).fill("Y safonau drafft")
    page.get_by_role("button", name=words["save"]).click()
    axe_check(page)
    meeting_url = page.url

    page.get_by_role("button", name=words["add_action"]).click()
    axe_check(page)
    page.get_by_label(words["action_en"]).fill("Share a plain summary")
    page.get_by_label(words["action_cy"]).fill("Rhannu crynodeb clir")
    page.get_by_label(words["owner"]).fill("Demo Person")
    fill_date(page, "due_on", datetime.date(2024, 12, 16))
    page.get_by_role("button", name=words["save"]).click()
    page.get_by_role("button", name=words["mark_done"]).click()
    expect(page.get_by_text(words["done"], exact=True)).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name=words["minutes"]).click()
    axe_check(page)
    page.get_by_label(words["minutes_en"]).fill("The panel asked for a plain summary.")
    page.get_by_label(words["minutes_cy"]).fill("Gofynnodd y panel am grynodeb clir.")
    page.get_by_label(words["publish"]).check()
    page.get_by_role("button", name=words["save"]).click()

    page.context.clear_cookies()
    page.goto(meeting_url)
    minutes = (
        "The panel asked for a plain summary."
        if language == "en"
        else "Gofynnodd y panel am grynodeb clir."
    )
    expect(page.get_by_text(minutes)).to_be_visible()
    axe_check(page)
