"""The shared GOV.UK breadcrumbs, from the home page of the reader's language."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def _crumbs(source: str, language: str = "en") -> list[tuple[str, str]]:
    with translation.override(language):
        html = Template("{% load porth %}" + source).render(Context({"url": "/en/things/"}))
    nav = BeautifulSoup(html, "html.parser").nav
    assert nav["class"] == ["govuk-breadcrumbs"]
    return [(a.get_text(strip=True), a["href"]) for a in nav.select("a.govuk-breadcrumbs__link")]


def test_the_home_page_comes_first_then_the_pages_given():
    assert _crumbs('{% breadcrumbs "Things" url %}') == [
        ("Home", "/en/"),
        ("Things", "/en/things/"),
    ]


def test_the_home_page_is_the_welsh_one_on_welsh_pages():
    text, href = _crumbs("{% breadcrumbs %}", language="cy")[0]
    assert href == "/cy/" and text != "Home"


def test_an_odd_number_of_parts_is_a_mistake_in_the_template():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load porth %}{% breadcrumbs "Things" %}').render(Context())
