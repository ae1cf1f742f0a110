"""Looking up personal API tokens."""

from typing import Any

from django.db.models import QuerySet

from ..models import PersonalToken, hash_token


def active_token(secret: str) -> PersonalToken | None:
    """The unrevoked token with this secret, with its person, in one query."""
    return (
        PersonalToken.objects.select_related("person")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )


def tokens_of(person: Any) -> QuerySet[PersonalToken]:
    return PersonalToken.objects.filter(person=person)
