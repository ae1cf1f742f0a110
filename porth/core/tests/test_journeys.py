"""Core's question pages + check your answers journey, on a two-step example."""

from django import forms
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict

from porth.core.journeys import Journey, SessionDrafts


class NameStep(forms.Form):
    slug = "name"
    name = forms.CharField()

    def __init__(self, *args, prefix_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix_text = prefix_text


class EmailStep(forms.Form):
    slug = "email"
    email = forms.EmailField()

    def __init__(self, *args, prefix_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)


JOURNEY = Journey(steps=[NameStep, EmailStep], drafts=SessionDrafts("example_drafts"))


def _request(method: str = "get", data: dict | None = None, query: str = "", session=None):
    factory = RequestFactory()
    request = (
        factory.post(f"/en/x/{query}", data or {})
        if method == "post"
        else factory.get(f"/en/x/{query}")
    )
    request.session = session if session is not None else SessionStore()
    return request


def _ask(request, slug: str):
    return JOURNEY.question(
        request,
        key="new:example",
        slug=slug,
        step_url=lambda s: f"/en/x/{s}/",
        check_url="/en/x/check/",
        first_back_url="/en/x/",
        prefix_text="kept",
    )


def test_a_valid_answer_is_kept_in_the_session_and_leads_to_the_next_step():
    request = _request("post", {"name": "Pay council tax"})
    page = _ask(request, "name")
    assert page.redirect_to == "/en/x/email/"
    stored = JOURNEY.drafts.step_data(request.session, "new:example", "name")
    assert stored["name"] == "Pay council tax"


def test_a_wrong_answer_stays_on_the_page_with_what_was_typed():
    request = _request("post", {"email": "not-an-email"})
    page = _ask(request, "email")
    assert page.redirect_to is None
    assert page.form.errors and page.form["email"].value() == "not-an-email"
    assert page.back_url == "/en/x/name/"


def test_the_last_step_and_changing_an_answer_go_to_check_your_answers():
    session = SessionStore()
    assert _ask(_request("post", {"email": "a@b.cy"}, session=session), "email").redirect_to == (
        "/en/x/check/"
    )
    changed = _ask(_request("post", {"name": "New"}, "?return=check", session), "name")
    assert changed.redirect_to == "/en/x/check/"


def test_check_your_answers_lists_the_missing_steps_until_every_one_is_valid():
    session = SessionStore()
    _ask(_request("post", {"name": "Pay council tax"}, session=session), "name")
    bound, missing = JOURNEY.check(session, "new:example", prefix_text="kept")
    assert list(bound) == ["name"] and missing == [EmailStep]
    _ask(_request("post", {"email": "a@b.cy"}, session=session), "email")
    assert JOURNEY.check(session, "new:example", prefix_text="kept")[1] == []


def test_an_edit_draft_carries_the_version_it_was_taken_from_and_can_be_discarded():
    session = SessionStore()
    answers = {"name": MultiValueDict({"name": ["Old"]})}
    JOURNEY.drafts.start(session, "edit:1", answers, version=7)
    assert JOURNEY.drafts.version(session, "edit:1") == 7
    assert JOURNEY.check(session, "edit:1")[0]["name"].data["name"] == "Old"
    JOURNEY.drafts.discard(session, "edit:1")
    assert not JOURNEY.drafts.has_draft(session, "edit:1")


def test_an_unknown_step_is_none_so_the_view_answers_not_found():
    assert _ask(_request(), "nope") is None
