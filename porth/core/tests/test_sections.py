"""The page-section registry: one meaning, keyed by slot name."""

from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from porth.core import sections
from porth.core.sections import PageSection, register_section, render_slot, sections_in


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch):
    monkeypatch.setattr(sections, "_slots", defaultdict(dict))


def _request():
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    return request


def _section(key: str, order: int = 100, shown: bool = True) -> PageSection:
    return PageSection(
        key=key,
        template_name="components/back_link.html",
        get_context=lambda subject, user: (
            {"href": f"/{subject.slug}/{key}/", "text": key} if shown else None
        ),
        order=order,
    )


def test_a_slot_renders_its_sections_in_order_with_the_subject():
    register_section(slot="thing_page", section=_section("second", order=20))
    register_section(slot="thing_page", section=_section("first", order=10))

    html = render_slot(_request(), "thing_page", subject=SimpleNamespace(slug="x"))

    assert len(html) == 2
    assert "/x/first/" in html[0] and "/x/second/" in html[1]


def test_a_section_with_nothing_to_show_is_left_out():
    register_section(slot="thing_page", section=_section("hidden", shown=False))
    assert render_slot(_request(), "thing_page", subject=SimpleNamespace(slug="x")) == []


def test_slots_are_separate_and_registering_twice_replaces():
    register_section(slot="thing_page", section=_section("one"))
    register_section(slot="thing_page", section=_section("one", order=5))
    register_section(slot="other_page", section=_section("two"))

    assert [s.order for s in sections_in("thing_page")] == [5]
    assert [s.key for s in sections_in("other_page")] == ["two"]
    assert sections_in("unknown_page") == []


def test_the_apps_fill_the_organisation_and_service_pages_from_their_ready(monkeypatch):
    monkeypatch.undo()  # the real registry, as filled by AppConfig.ready()
    assert "baseline_rounds" in {s.key for s in sections_in(sections.ORGANISATION_PAGE)}
    assert "standards" in {s.key for s in sections_in(sections.SERVICE_PAGE)}
