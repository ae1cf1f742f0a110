"""An editor of a body adds a service through the question pages and "Check your answers".

On the way they make a mistake (the GOV.UK error summary appears in their language and what
they typed is kept), change an answer from the check page, submit, and find the service on its
own page. The journey runs in each language; the words come from the catalogues, so the test
also proves the Welsh pages are whole.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register.forms import (
    AreaForm,
    ChannelsForm,
    NameForm,
    OnlineStepsForm,
    OwnerForm,
    PhaseForm,
)
from porth.register.models import (
    Channel,
    Phase,
    Service,
    ServiceArea,
    ServiceStep,
    StepsInWelsh,
    UserGroupCode,
)
from porth.register.reference_data import seed

from .register_data import ORGANISATION_SLUG, sign_in

pytestmark = pytest.mark.browser

NAMES = {"en": "Book a bulky waste collection", "cy": "Trefnu casgliad gwastraff swmpus"}
RENAMED = {"en": "Book a bulky item collection", "cy": "Trefnu casgliad eitemau swmpus"}


def _field(form, name: str) -> str:
    return str(form.base_fields[name].label)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_editor_adds_a_service_through_check_your_answers(
    page: Page, site: str, language: str
) -> None:
    seed()
    organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    area = ServiceArea.objects.get(code="waste-recycling")
    # The root conftest puts the language back after each test.
    translation.activate(language)
    continue_ = gettext("Continue")

    sign_in(page, site, language, editor.email)
    page.goto(f"{site}/{language}/register/")
    # A link styled, and announced, as a button: GOV.UK's start button.
    page.get_by_role("button", name=gettext("Add a service"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{language}/register/organisations/cardiff/.*/name/$"))

    # A mistake: the Welsh name left out and a web address that is not one.
    page.get_by_label(_field(NameForm, "name_en"), exact=True).fill(NAMES["en"])
    page.get_by_label(_field(NameForm, "description_en"), exact=True).fill("Large items.")
    page.get_by_label(_field(NameForm, "url_en"), exact=True).fill("not a web address")
    page.get_by_role("button", name=continue_, exact=True).click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text(gettext("There is a problem"))
    expect(
        summary.get_by_role("link", name=gettext("Enter the name of the service in Welsh"))
    ).to_be_visible()
    expect(
        summary.get_by_role(
            "link",
            name=gettext(
                "Enter a web address in the right format, like https://www.example.gov.wales"
            ),
        )
    ).to_be_visible()
    expect(page).to_have_title(re.compile("^" + re.escape(gettext("Error: "))))
    expect(page.get_by_label(_field(NameForm, "name_en"), exact=True)).to_have_value(NAMES["en"])
    expect(page.get_by_label(_field(NameForm, "url_en"), exact=True)).to_have_value(
        "not a web address"
    )
    # The summary's link takes the person to the field at fault.
    summary.get_by_role("link", name=gettext("Enter the name of the service in Welsh")).click()
    expect(page.get_by_label(_field(NameForm, "name_cy"), exact=True)).to_be_focused()

    page.get_by_label(_field(NameForm, "name_cy"), exact=True).fill(NAMES["cy"])
    page.get_by_label(_field(NameForm, "description_cy"), exact=True).fill("Eitemau mawr.")
    page.get_by_label(_field(NameForm, "url_en"), exact=True).fill("")
    page.get_by_role("button", name=continue_, exact=True).click()

    # Service area and users.
    page.get_by_role("radio", name=area.name, exact=True).check()
    page.get_by_role("group", name=_field(AreaForm, "users_served")).get_by_role(
        "checkbox", name=str(UserGroupCode.PUBLIC.label), exact=True
    ).check()
    page.get_by_role("button", name=continue_, exact=True).click()
    # Partners (optional).
    page.get_by_role("button", name=continue_, exact=True).click()
    # Phase, with its date.
    page.get_by_role("radio", name=str(Phase.LIVE.label), exact=True).check()
    dates = page.get_by_role("group", name=_field(PhaseForm, "phase_from"))
    dates.get_by_label(gettext("Day"), exact=True).fill("1")
    dates.get_by_label(gettext("Month"), exact=True).fill("4")
    dates.get_by_label(gettext("Year"), exact=True).fill("2024")
    page.get_by_role("button", name=continue_, exact=True).click()
    # Channels: online and by phone, online in Welsh.
    offered = page.get_by_role("group", name=_field(ChannelsForm, "channels"))
    offered.get_by_role("checkbox", name=str(Channel.ONLINE.label), exact=True).check()
    offered.get_by_role("checkbox", name=str(Channel.PHONE.label), exact=True).check()
    page.get_by_role("group", name=_field(ChannelsForm, "channels_in_welsh")).get_by_role(
        "checkbox", name=str(Channel.ONLINE.label), exact=True
    ).check()
    page.get_by_role("button", name=continue_, exact=True).click()
    # Steps of the service: applying, done online and in Welsh; paying, by phone in English.
    for question, steps in (
        ("steps", (ServiceStep.APPLY, ServiceStep.PAY)),
        ("online_steps", (ServiceStep.APPLY,)),
        ("welsh_steps", (ServiceStep.APPLY,)),
    ):
        group = page.get_by_role("group", name=_field(OnlineStepsForm, question))
        for step in steps:
            group.get_by_role("checkbox", name=str(step.label), exact=True).check()
    page.get_by_role("button", name=continue_, exact=True).click()
    # Owner.
    page.get_by_label(_field(OwnerForm, "owner_name"), exact=True).fill("Alys Owen")
    page.get_by_label(_field(OwnerForm, "owner_email"), exact=True).fill("alys@example.gov.uk")
    page.get_by_role("button", name=continue_, exact=True).click()
    # Technology (optional).
    page.get_by_role("button", name=continue_, exact=True).click()

    # Check your answers; change the English name from there.
    expect(page.get_by_role("heading", level=1)).to_have_text(gettext("Check your answers"))
    expect(page.get_by_text(NAMES["en"], exact=True)).to_be_visible()
    change_name = f"{gettext('Change')} {_field(NameForm, 'name_en').lower()}"
    page.get_by_role("link", name=change_name, exact=True).click()
    expect(page.get_by_label(_field(NameForm, "name_en"), exact=True)).to_have_value(NAMES["en"])
    page.get_by_label(_field(NameForm, "name_en"), exact=True).fill(RENAMED["en"])
    page.get_by_label(_field(NameForm, "name_cy"), exact=True).fill(RENAMED["cy"])
    page.get_by_role("button", name=gettext("Save and go back to your answers"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(gettext("Check your answers"))
    expect(page.get_by_text(RENAMED["en"], exact=True)).to_be_visible()
    expect(page.get_by_text(NAMES["en"], exact=True)).to_have_count(0)

    page.get_by_role("button", name=gettext("Add service"), exact=True).click()
    expect(page.locator(".govuk-panel__title")).to_have_text(gettext("Service added"))
    service = Service.objects.get(name_en=RENAMED["en"])
    expect(page.locator(".govuk-panel__body")).to_contain_text(service.public_id)

    page.get_by_role("link", name=gettext("View the service"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{language}/register/services/{service.public_id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(RENAMED[language])
    assert service.organisation == organisation
    assert service.name_cy == RENAMED["cy"] and service.phase == Phase.LIVE
    assert service.steps == [
        {"step": "apply", "online": True, "welsh": True},
        {"step": "pay", "online": False, "welsh": False},
    ]
    assert service.steps_in_welsh == StepsInWelsh.SOME
    expect(page.get_by_text(str(StepsInWelsh.SOME.label), exact=True)).to_be_visible()
