"""Answers to the service question pages, kept in the session until the editor confirms.

Each question page stores what was typed (the raw form data, valid or not) under a key for the
service being added or edited, so going back, changing an answer or reloading loses nothing.
Nothing reaches the database until the "Check your answers" page is confirmed.

An edit's draft also remembers the version of the service it was taken from, so saving it
after someone else's change is caught instead of overwriting them (docs/adr/0018).
"""

from typing import Any

from django.utils.datastructures import MultiValueDict

SESSION_KEY = "register_service_drafts"
VERSION_KEY = "_version"  # not a step slug, so the step pages never read it


def draft_key(*, organisation_slug: str = "", public_id: str = "") -> str:
    return f"edit:{public_id}" if public_id else f"new:{organisation_slug}"


def load(session: Any, key: str) -> dict[str, dict[str, list[str]]]:
    return session.get(SESSION_KEY, {}).get(key, {})


def has_draft(session: Any, key: str) -> bool:
    return key in session.get(SESSION_KEY, {})


def step_data(session: Any, key: str, step: str) -> MultiValueDict | None:
    """What was last typed on a step, ready to bind to its form; None if never answered."""
    stored = load(session, key).get(step)
    return MultiValueDict(stored) if stored is not None else None


def save_step(session: Any, key: str, step: str, data: MultiValueDict) -> None:
    drafts = session.get(SESSION_KEY, {})
    answers = drafts.setdefault(key, {})
    answers[step] = {name: data.getlist(name) for name in data if name != "csrfmiddlewaretoken"}
    session[SESSION_KEY] = drafts


def start(
    session: Any, key: str, answers: dict[str, MultiValueDict], *, version: int | None = None
) -> None:
    """Begin a draft with every step answered already (editing an existing service)."""
    drafts = session.get(SESSION_KEY, {})
    drafts[key] = {step: {k: data.getlist(k) for k in data} for step, data in answers.items()}
    if version is not None:
        drafts[key][VERSION_KEY] = {"version": [str(version)]}
    session[SESSION_KEY] = drafts


def version(session: Any, key: str) -> int | None:
    """The version of the service the draft was taken from (None for a new service)."""
    stored = load(session, key).get(VERSION_KEY, {}).get("version", [""])[0]
    return int(stored) if stored.isdigit() else None


def discard(session: Any, key: str) -> None:
    drafts = session.get(SESSION_KEY, {})
    if drafts.pop(key, None) is not None:
        session[SESSION_KEY] = drafts
