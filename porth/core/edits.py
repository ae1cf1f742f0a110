"""Two people, one record: stale edits and repeated "create" submits (docs/adr/0018).

- An edit carries the `version` of the record it started from. When the record has moved on
  and what is saved now differs from what this person is about to save, the action raises
  `StaleEdit` with one `Difference` per field, and the page lets the person choose.
- A create form carries a one-time token, signed so that rendering the form writes nothing.
  The action stores the token's number on the row it creates (a unique column), so a second
  submit of the same form finds the first row instead of making another.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Model

_SALT = "porth.core.edits.creation-token"
T = TypeVar("T", bound=Model)


@dataclass(frozen=True)
class Difference:
    """One field as it is saved now ("theirs") and as this person would save it ("yours").

    Values are text, or lists of text shown as lists; `label` is already translated.
    """

    label: Any
    theirs: Any
    yours: Any

    @property
    def is_list(self) -> bool:
        return isinstance(self.theirs, list) or isinstance(self.yours, list)


class StaleEdit(Exception):
    """The record changed since this edit began and saving would overwrite someone's change.

    `version` is the record's version now: re-submitting with it ("apply mine") saves.
    """

    def __init__(self, *, version: int, differences: Iterable[Difference]):
        self.version = version
        self.differences = list(differences)
        super().__init__(f"stale edit: now at version {version}")


def differences(
    fields: Iterable[tuple[Any, Any, Any]],
) -> list[Difference]:
    """`Difference`s for the (label, theirs, yours) triples whose two values differ."""
    return [Difference(label, theirs, yours) for label, theirs, yours in fields if theirs != yours]


def new_creation_token(*, purpose: str, person_pk: Any) -> str:
    """A fresh signed token for a create form; nothing is stored until the form is used."""
    return signing.dumps({"n": uuid.uuid4().hex, "p": purpose, "u": str(person_pk)}, salt=_SALT)


def read_creation_token(token: str, *, purpose: str, person_pk: Any) -> uuid.UUID | None:
    """The token's number if it was made by us for this form and person, otherwise None."""
    try:
        value = signing.loads(token, salt=_SALT)
        if value["p"] != purpose or value["u"] != str(person_pk):
            return None
        return uuid.UUID(hex=value["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


TOKEN_FIELD = "creation_token"


def creation_token_for(request: Any, purpose: str) -> str:
    """A new token to put in a create form's hidden `creation_token` field as it is shown.

    Every showing gets a new one: only submits of the very same page share a token.
    """
    return new_creation_token(purpose=purpose, person_pk=request.user.pk)


def posted_creation_token(request: Any, purpose: str) -> uuid.UUID | None:
    """The number of the token the form came back with, or None if missing or not ours."""
    return read_creation_token(
        request.POST.get(TOKEN_FIELD, ""), purpose=purpose, person_pk=request.user.pk
    )


def create_once(model: type[T], token: uuid.UUID | None, create: Callable[[], T]) -> T:
    """Run `create` in its own transaction, unless the row for `token` exists already.

    Two submits of one form may race: both miss the first look-up, one insert wins and the
    other breaks the unique `creation_token` column, and then returns the winner's row. Other
    integrity errors are raised as they are.
    """
    if token is not None:
        existing = model._default_manager.filter(creation_token=token).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        existing = (
            model._default_manager.filter(creation_token=token).first()
            if token is not None
            else None
        )
        if existing is None:
            raise
        return existing
