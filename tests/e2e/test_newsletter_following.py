"""Follow a service and get told when its phase changes (issue 14): both languages, with axe."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import UserFactory
from porth.organisations.models import Organisation
from porth.register import actions
from porth.register.models import Phase
from porth.register.reference_data import seed
from porth.register.tests.factories import ServiceFactory

from .register_data import ORGANISATION_SLUG, sign_in
from .test_newsletter_journey import _wait_for

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "cy"])
def test_follow_a_service_and_get_told_when_its_phase_changes(
    page: Page, site: str, mailbox: Path, language: str, axe_check, settings
) -> None:
    settings.WAGTAILADMIN_BASE_URL = site
    seed()
    organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    service = ServiceFactory(organisation=organisation, phase=Phase.ALPHA)
    person = UserFactory(preferred_language=language)
    editor = UserFactory()
    translation.activate(language)

    sign_in(page, site, language, person.email)
    page.goto(f"{site}/{language}/register/services/{service.public_id}/")
    page.get_by_role("button", name=gettext("Get emails about this")).click()
    expect(page.get_by_role("button", name=gettext("Stop emails about this"))).to_be_visible()
    axe_check(page)

    page.goto(f"{site}/{language}/following/")
    expect(page.get_by_role("link", name=service.name)).to_be_visible()
    axe_check(page)

    actions.record_phase(
        service=service,
        phase=Phase.LIVE,
        applies_from=datetime.date.today(),
        recorded_by=editor,
    )
    message, _found = _wait_for(mailbox, re.escape(service.name))
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert str(Phase.LIVE.label) in body
    assert f"/{language}/register/services/{service.public_id}/" in body

    page.goto(f"{site}/{language}/following/")
    page.get_by_role("button", name=re.compile(gettext("Stop"))).click()
    expect(page.get_by_role("link", name=service.name)).to_have_count(0)
