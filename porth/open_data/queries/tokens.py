"""Looking up personal API tokens."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from porth.core.language import current_language
from porth.organisations.models import Organisation

from ..models import PersonalToken, hash_token


def token_with_secret(secret: str) -> PersonalToken | None:
    """The token with this secret, live or not, with what checking a request needs: its person,
    their memberships and the token's organisations (three queries, whatever is asked next)."""
    return (
        PersonalToken.objects.select_related("person")
        .prefetch_related("organisations", "person__memberships")
        .filter(token_hash=hash_token(secret))
        .first()
    )


def active_token(secret: str) -> PersonalToken | None:
    """The unrevoked, unexpired token with this secret, or None."""
    return (
        PersonalToken.objects.select_related("person")
        .filter(
            token_hash=hash_token(secret), revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )


def tokens_of(person: Any) -> QuerySet[PersonalToken]:
    """A person's tokens, newest first, with the organisations each acts for."""
    return PersonalToken.objects.filter(person=person).prefetch_related("organisations")


def organisations_for_tokens(person: Any) -> QuerySet[Organisation]:
    """The organisations a person may choose for a new token: those they belong to."""
    return Organisation.objects.filter(memberships__person=person).order_by(
        f"name_{current_language()}"
    )
