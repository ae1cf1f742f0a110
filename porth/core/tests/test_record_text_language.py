"""Record text in one language is marked with `lang` and said to be so (issue 12, item 5)."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from porth.core.bilingual import guess_language, mark, paired
from porth.register.tests.factories import (
    MetricValueFactory,
    ServiceFactory,
    TechnologyProductFactory,
)

from .language_crawl import unmarked


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Demo data", "en"),
        ("Head of Digital", "en"),
        ("Service manager", "en"),
        ("We did not run a satisfaction survey in this period.", "en"),
        ("Pennaeth Digidol", "cy"),
        ("Rheolwr gwasanaethau cwsmeriaid", "cy"),
        ("Mae’r gwasanaeth wedi cau dros dro", "cy"),
        ("Cyngor Caerdydd", "cy"),
    ],
)
def test_the_language_of_record_text_is_guessed_from_its_words(text, language):
    assert guess_language(text) == language


@pytest.mark.parametrize(
    "text",
    ["Siân Roberts", "Anwen Demo", "Capita One", "PS-000123", "https://www.cardiff.gov.uk", "42"],
)
def test_names_codes_and_addresses_are_left_to_the_page_language(text):
    assert guess_language(text) is None


def test_english_record_text_on_a_welsh_page_is_marked_and_escaped():
    with translation.override("cy"):
        assert mark("Demo data") == '<span lang="en">Demo data</span>'
        assert mark("Head of <b>Digital</b>") == (
            '<span lang="en">Head of &lt;b&gt;Digital&lt;/b&gt;</span>'
        )
        assert mark("Pennaeth Digidol") == "Pennaeth Digidol"


def test_welsh_record_text_on_an_english_page_is_marked():
    with translation.override("en"):
        assert mark("Rheolwr gwasanaethau cwsmeriaid") == (
            '<span lang="cy">Rheolwr gwasanaethau cwsmeriaid</span>'
        )
        assert mark("Demo data") == "Demo data"


def test_a_paragraph_in_the_other_language_says_so_in_the_page_language():
    with translation.override("cy"):
        html = mark("We paused the service.\n\nThe supplier changed.", lines=True)
    notice = '<p class="govuk-body-s porth-language-notice">Ar gael yn Saesneg yn unig</p>'
    assert html.startswith(notice)
    assert '<div lang="en"><p class="govuk-body">We paused the service.</p>' in html


def test_a_paired_field_falls_back_to_the_other_language_with_a_notice():
    outcome = SimpleNamespace(went_well_en="Clear research plan", went_well_cy="")
    with translation.override("cy"):
        assert paired(outcome, "went_well") == (
            '<span lang="en">Clear research plan</span>'
            ' <span class="porth-language-notice">(Ar gael yn Saesneg yn unig)</span>'
        )
    with translation.override("en"):
        assert paired(outcome, "went_well") == "Clear research plan"


def test_dates_and_numbers_render_as_before():
    with translation.override("cy"):
        assert mark(Decimal("12.5")) == "12.5"
        assert mark(datetime.date(2026, 7, 1)) == "1 Gorffennaf 2026"


def test_the_template_tag_marks_record_text():
    template = Template(
        "{% load porth %}{% record_text value %}|{% record_text value lines=True %}"
    )
    with translation.override("cy"):
        html = template.render(Context({"value": "Not provided"}))
    assert html.startswith('<span lang="en">Not provided</span>|<p class')


def _links(html: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in re.findall(r'href="(/cy/[^"#?]*)"', html)]


def test_welsh_pages_show_no_unmarked_english_record_text(
    client, editor, organisation, seeded_site
):
    """Crawls a service's Welsh pages, and those they link to, as the body's editor.

    Each page is compared with its English counterpart: text that is the same on both was not
    translated, and if it reads as English it must be inside `lang="en"`.
    """
    service = ServiceFactory(
        organisation=organisation,
        owner_name="Alys Owen",
        owner_role="Head of Digital Services",
    )
    service.technology.add(TechnologyProductFactory(name="Revenues and Benefits"))
    MetricValueFactory(service=service, source="Demo data", note="Counted by the contact centre")
    MetricValueFactory(
        service=service,
        period_start=datetime.date(2025, 2, 1),
        value=None,
        not_provided_reason="We did not run a satisfaction survey in this period.",
    )
    client.force_login(editor)
    start = f"/cy/register/services/{service.public_id}/"
    queue, seen, found = [start], set(), {}
    while queue and len(seen) < 16:
        path = queue.pop(0)
        if path in seen or "logout" in path:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        welsh = response.content.decode()
        english = client.get("/en/" + path.removeprefix("/cy/")).content.decode()
        for text in unmarked(welsh, english, "cy"):
            found.setdefault(text, path)
        if path == start:
            queue += [link for link in _links(welsh) if link not in seen]
    assert len(seen) > 10
    assert found == {}, found
    page = client.get(start).content.decode()
    for text in ("Demo data", "Head of Digital Services", "Revenues and Benefits"):
        assert f'<span lang="en">{text}</span>' in page
