"""Engagements and requests for help, in each language, every page checked with axe-core.

Centre staff start an engagement from "Our work", add a public show-and-tell, and a visitor
who is not signed in sees it on the public page. An organisation admin asks for help and
centre staff accept it, which starts an engagement.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from tests.e2e.steps import fill_date, sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "our_work": "Our work",
        "start": "Start an engagement",
        "title_en": "Title in English",
        "title_cy": "Title in Welsh",
        "problem_en": "Problem statement in English",
        "problem_cy": "Problem statement in Welsh",
        "goals_en": "Goals in English",
        "goals_cy": "Goals in Welsh",
        "theme": "Democracy",
        "phase": "Discovery",
        "public": "Show this engagement to the public",
        "save": "Save",
        "add_entry": "Add a show and tell or note",
        "show_and_tell": "Show and tell",
        "entry_public": "Show this to the public",
        "add": "Add to the timeline",
        "error": "Enter the title in Welsh",
        "ask": "Ask the centre for help",
        "problem": "What is the problem?",
        "urgent": "Urgent",
        "squad": "An expert squad",
        "send": "Send request",
        "decide": "Decide",
        "accept": "Accept: start an engagement",
        "accept_title_en": "If you accept: the engagement's title in English",
        "accept_title_cy": "If you accept: the engagement's title in Welsh",
        "accept_theme": "If you accept: theme",
        "record": "Record decision",
        "demand": "Demand for the centre's help",
    },
    "cy": {
        "our_work": "Ein gwaith",
        "start": "Dechrau ymgysylltiad",
        "title_en": "Teitl yn Saesneg",
        "title_cy": "Teitl yn Gymraeg",
        "problem_en": "Datganiad o'r broblem yn Saesneg",
        "problem_cy": "Datganiad o'r broblem yn Gymraeg",
        "goals_en": "Nodau yn Saesneg",
        "goals_cy": "Nodau yn Gymraeg",
        "theme": "Democratiaeth",
        "phase": "Darganfod",
        "public": "Dangos yr ymgysylltiad hwn i'r cyhoedd",
        "save": "Cadw",
        "add_entry": "Ychwanegu sesiwn dangos a dweud neu nodyn",
        "show_and_tell": "Dangos a dweud",
        "entry_public": "Dangos hyn i'r cyhoedd",
        "add": "Ychwanegu at y llinell amser",
        "error": "Rhowch y teitl yn Gymraeg",
        "ask": "Gofyn i'r ganolfan am gymorth",
        "problem": "Beth yw'r broblem?",
        "urgent": "Brys",
        "squad": "Carfan arbenigol",
        "send": "Anfon y cais",
        "decide": "Penderfynu",
        "accept": "Derbyn: dechrau ymgysylltiad",
        "accept_title_en": "Os ydych chi'n derbyn: teitl yr ymgysylltiad yn Saesneg",
        "accept_title_cy": "Os ydych chi'n derbyn: teitl yr ymgysylltiad yn Gymraeg",
        "accept_theme": "Os ydych chi'n derbyn: thema",
        "record": "Cofnodi’r penderfyniad",
        "demand": "Y galw am gymorth y ganolfan",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_publish_a_show_and_tell_that_the_public_sees(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    sign_in_as(page, site, CentreStaffFactory())
    page.goto(f"{site}/{language}/")
    page.get_by_role("link", name=words["our_work"], exact=True).first.click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_role("button", name=words["start"]).click()
    axe_check(page)

    # A missing Welsh title is refused, and what was typed stays.
    page.get_by_label(words["title_en"], exact=True).fill("Digital Democracy")
    page.get_by_label(words["problem_en"]).fill("Few people take part in local democracy.")
    page.get_by_label(words["problem_cy"]).fill("Ychydig o bobl sy'n cymryd rhan.")
    page.get_by_label(words["goals_en"]).fill("More people take part.")
    page.get_by_label(words["goals_cy"]).fill("Mwy o bobl yn cymryd rhan.")
    page.get_by_label(words["theme"], exact=True).check()
    page.get_by_label(words["phase"], exact=True).check()
    fill_date(page, "starts_on", datetime.date(2024, 4, 3))
    page.get_by_label(words["public"]).check()
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("link", name=words["error"])).to_be_visible()
    expect(page.get_by_label(words["title_en"], exact=True)).to_have_value("Digital Democracy")
    axe_check(page)
    page.get_by_label(words["title_cy"], exact=True).fill("Democratiaeth Ddigidol")
    page.get_by_role("button", name=words["save"]).click()
    title = "Digital Democracy" if language == "en" else "Democratiaeth Ddigidol"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    axe_check(page)

    page.get_by_role("button", name=words["add_entry"]).click()
    axe_check(page)
    page.get_by_label(words["show_and_tell"], exact=True).check()
    fill_date(page, "happened_on", datetime.date(2024, 6, 12))
    page.get_by_label(words["title_en"], exact=True).fill("What we learnt from councillors")
    page.get_by_label(words["title_cy"], exact=True).fill("Beth ddysgon ni gan gynghorwyr")
    page.get_by_label(words["title_en"].replace("Title", "Text").replace("Teitl", "Testun")).fill(
        "We spoke to 12 councillors."
    )
    page.get_by_label(words["title_cy"].replace("Title", "Text").replace("Teitl", "Testun")).fill(
        "Siaradon ni â 12 o gynghorwyr."
    )
    page.get_by_label(words["entry_public"]).check()
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    engagement_url = page.url

    # Someone who is not signed in sees the engagement and its show-and-tell.
    page.context.clear_cookies()
    page.goto(engagement_url)
    entry = (
        "What we learnt from councillors" if language == "en" else "Beth ddysgon ni gan gynghorwyr"
    )
    expect(page.get_by_role("heading", name=entry)).to_be_visible()
    axe_check(page)
    page.goto(f"{site}/{language}/our-work/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_organisation_admin_asks_for_help_and_centre_staff_accept(
    page: Page, site: str, language: str, axe_check
) -> None:
    words = WORDS[language]
    cardiff = Organisation.objects.get(slug="cardiff")
    admin = MembershipFactory(organisation=cardiff, role=Role.ADMIN).person
    sign_in_as(page, site, admin)
    page.goto(f"{site}/{language}/our-work/")
    page.get_by_role("link", name=words["ask"]).first.click()
    axe_check(page)
    page.get_by_role("link", name=cardiff.name_en if language == "en" else cardiff.name_cy).click()
    axe_check(page)
    page.get_by_role("button", name=words["send"]).click()
    axe_check(page)
    page.get_by_label(words["problem"]).fill("People ring us to ask where their assessment is.")
    page.get_by_label(words["urgent"], exact=True).check()
    page.get_by_label(words["squad"], exact=True).check()
    page.get_by_role("button", name=words["send"]).click()
    axe_check(page)
    request_url = page.url

    sign_in_as(page, site, CentreStaffFactory())
    page.goto(request_url)
    page.get_by_role("button", name=words["decide"]).click()
    axe_check(page)
    page.get_by_label(words["accept"]).check()
    page.get_by_label(words["accept_title_en"]).fill("Care assessments")
    page.get_by_label(words["accept_title_cy"]).fill("Asesiadau gofal")
    page.get_by_label(words["accept_theme"]).select_option("adult-social-care")
    page.get_by_role("button", name=words["record"]).click()
    expect(page.get_by_label(words["title_cy"], exact=True)).to_have_value("Asesiadau gofal")
    axe_check(page)
    page.goto(f"{site}/{language}/our-work/help/requests/")
    axe_check(page)
    page.context.clear_cookies()
    page.goto(f"{site}/{language}/our-work/help/demand/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["demand"])
    axe_check(page)
