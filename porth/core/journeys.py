"""Question pages + check your answers: the GOV.UK multi-step journey, for any flow.

A journey is a list of step forms (each with a `slug`), a draft kept in the session under the
journey's own key, and a check-your-answers page that lists the answers with change links
before one submit. Nothing reaches the database until the submit (and the submit is an app
action, carried out by the app's view). Never copy this into an app (docs/architecture.md).

- Every question page stores what was typed (the raw form data, valid or not), so going back,
  changing an answer or reloading loses nothing.
- A draft can remember the version of the record it was taken from (`start(..., version=)`),
  so saving it after someone else's change is caught instead of overwriting them (ADR 0018).
  Creating a new record uses `porth.core.edits.creation_token_for` on the check page, so a
  double submit creates one record.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

VERSION_KEY = "_version"  # not a step slug, so the step pages never read it


class SessionDrafts:
    """Drafts of one kind of journey, in the session under `session_key`, one per draft key
    (e.g. "new:<organisation>" or "edit:<record>")."""

    def __init__(self, session_key: str):
        self.session_key = session_key

    def load(self, session: Any, key: str) -> dict[str, dict[str, list[str]]]:
        return session.get(self.session_key, {}).get(key, {})

    def has_draft(self, session: Any, key: str) -> bool:
        return key in session.get(self.session_key, {})

    def step_data(self, session: Any, key: str, step: str) -> MultiValueDict | None:
        """What was last typed on a step, ready to bind to its form; None if never answered."""
        stored = self.load(session, key).get(step)
        return MultiValueDict(stored) if stored is not None else None

    def save_step(self, session: Any, key: str, step: str, data: MultiValueDict) -> None:
        drafts = session.get(self.session_key, {})
        answers = drafts.setdefault(key, {})
        answers[step] = {name: data.getlist(name) for name in data if name != "csrfmiddlewaretoken"}
        session[self.session_key] = drafts

    def start(
        self,
        session: Any,
        key: str,
        answers: dict[str, MultiValueDict],
        *,
        version: int | None = None,
    ) -> None:
        """Begin a draft with every step answered already (editing an existing record)."""
        drafts = session.get(self.session_key, {})
        drafts[key] = {
            step: {name: data.getlist(name) for name in data} for step, data in answers.items()
        }
        if version is not None:
            drafts[key][VERSION_KEY] = {"version": [str(version)]}
        session[self.session_key] = drafts

    def version(self, session: Any, key: str) -> int | None:
        """The version of the record the draft was taken from (None for a new record)."""
        stored = self.load(session, key).get(VERSION_KEY, {}).get("version", [""])[0]
        return int(stored) if stored.isdigit() else None

    def discard(self, session: Any, key: str) -> None:
        drafts = session.get(self.session_key, {})
        if drafts.pop(key, None) is not None:
            session[self.session_key] = drafts


@dataclass
class QuestionPage:
    """What a question page's view needs: the form to show, or where to go next."""

    form: forms.Form
    redirect_to: str | None
    back_url: str
    returning: bool


@dataclass
class Journey:
    """Steps in order, and the session drafts that keep their answers.

    Step forms take the journey's extra keyword arguments (`**form_kwargs`, e.g. the
    organisation) when bound.
    """

    steps: Sequence[type[forms.Form]]
    drafts: SessionDrafts

    @property
    def slugs(self) -> list[str]:
        return [step.slug for step in self.steps]

    def step(self, slug: str) -> type[forms.Form] | None:
        return next((step for step in self.steps if step.slug == slug), None)

    def next_slug(self, slug: str) -> str | None:
        index = self.slugs.index(slug)
        return self.slugs[index + 1] if index + 1 < len(self.slugs) else None

    def previous_slug(self, slug: str) -> str | None:
        index = self.slugs.index(slug)
        return self.slugs[index - 1] if index > 0 else None

    def bound_forms(self, session: Any, key: str, **form_kwargs: Any) -> dict[str, forms.Form]:
        """Every step bound to the draft's answers (unanswered steps are left out)."""
        bound = {}
        for step in self.steps:
            data = self.drafts.step_data(session, key, step.slug)
            if data is not None:
                bound[step.slug] = step(data, **form_kwargs)
        return bound

    def check(
        self, session: Any, key: str, **form_kwargs: Any
    ) -> tuple[dict[str, forms.Form], list[type[forms.Form]]]:
        """For check your answers: the bound steps, and those missing or not valid."""
        bound = self.bound_forms(session, key, **form_kwargs)
        missing = [
            step for step in self.steps if step.slug not in bound or not bound[step.slug].is_valid()
        ]
        return bound, missing

    def question(
        self,
        request: HttpRequest,
        *,
        key: str,
        slug: str,
        step_url: Callable[[str], str],
        check_url: str,
        first_back_url: str,
        always_return: bool = False,
        **form_kwargs: Any,
    ) -> QuestionPage | None:
        """One question page: show the draft's answer, or store a valid answer and move on
        (to the next step, or back to check your answers when changing an answer). None for
        an unknown step (the view answers 404)."""
        step_class = self.step(slug)
        if step_class is None:
            return None
        returning = always_return or request.GET.get("return") == "check"
        if request.method == "POST":
            form = step_class(request.POST, **form_kwargs)
            if form.is_valid():
                self.drafts.save_step(request.session, key, slug, request.POST)
                following = self.next_slug(slug)
                target = check_url if returning or following is None else step_url(following)
                return QuestionPage(form=form, redirect_to=target, back_url="", returning=True)
        else:
            stored = self.drafts.step_data(request.session, key, slug)
            form = step_class(stored, **form_kwargs) if stored else step_class(**form_kwargs)
            if stored:
                form.is_valid()
        previous = self.previous_slug(slug)
        if returning:
            back_url = check_url
        elif previous is not None:
            back_url = step_url(previous)
        else:
            back_url = first_back_url
        return QuestionPage(form=form, redirect_to=None, back_url=back_url, returning=returning)
