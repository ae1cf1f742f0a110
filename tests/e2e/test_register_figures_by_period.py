"""An editor records a figure for a financial year on the question page, first starting it on
the wrong kind of period, and finds it on the service's page in its own chart beside the
quarterly figures (issue 11 item 4, ADR 0046). In each language, with axe on every page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.open_data.tests.factories import make_service
from porth.organisations.models import Organisation
from porth.register import actions
from porth.register.forms import MetricValueForm
from porth.register.models import Measure
from porth.register.reference_data import seed

from .register_data import ORGANISATION_SLUG, sign_in

pytestmark = pytest.mark.browser


def _label(name: str) -> str:
    return str(MetricValueForm.base_fields[name].label)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_editor_records_a_financial_year_beside_quarterly_figures(
    page: Page, site: str, language: str, axe_check
) -> None:
    seed()
    organisation = Organisation.objects.get(slug=ORGANISATION_SLUG)
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    service = make_service(organisation, by=editor)
    enquiries = Measure.objects.get(code="enquiries")
    for month, value in ((1, "300"), (4, "330")):
        actions.record_metric_value(
            service=service,
            measure=enquiries,
            period_type="quarter",
            period_start=datetime.date(2024, month, 1),
            value=Decimal(value),
            recorded_by=editor,
        )
    translation.activate(language)

    sign_in(page, site, language, editor.email)
    page.goto(f"{site}/{language}/register/services/{service.public_id}/figures/new/")
    page.get_by_label(_label("measure"), exact=True).select_option(str(enquiries.pk))
    page.get_by_label(
        gettext("A quarter (January to March, April to June, and so on)"), exact=True
    ).check()
    page.get_by_label(_label("period_month"), exact=True).select_option("2")
    page.get_by_label(_label("period_year"), exact=True).fill("2024")
    page.get_by_label(_label("value"), exact=True).fill("1200")
    page.get_by_role("button", name=gettext("Save figure")).click()

    # The error names the bad day in the reader's language, and what was typed is kept.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("1 Chwefror 2024" if language == "cy" else "1 February 2024")
    expect(page.get_by_label(_label("value"), exact=True)).to_have_value("1200")
    axe_check(page)

    page.get_by_label(gettext("A financial year (April to March)"), exact=True).check()
    page.get_by_role("button", name=gettext("Save figure")).click()

    expect(page).to_have_url(re.compile(rf"/{language}/register/services/{service.public_id}/"))
    expect(page.get_by_text(gettext("by financial year (April to March)"))).to_be_visible()
    label = "Ebrill 2024 i Fawrth 2025" if language == "cy" else "April 2024 to March 2025"
    expect(page.get_by_role("rowheader", name=label)).to_be_visible()
    # 1,200 in a year is 100 a month; the quarters keep their own chart.
    expect(page.get_by_role("columnheader", name=gettext("Average a month")).first).to_be_visible()
    assert page.locator("#figures ~ section figure svg[role=img]").count() >= 2
    axe_check(page)
