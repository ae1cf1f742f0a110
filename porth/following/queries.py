"""What a person follows, named in the page's language."""

from typing import Any

from django.utils.translation import get_language

from .kinds import KINDS, path_of, title_of
from .models import Delivery, Follow, FollowSettings


def follows_of(person: Any) -> list[dict]:
    language = (get_language() or "en")[:2]
    rows = []
    for followed in Follow.objects.filter(person=person):
        kind = KINDS.get(followed.kind)
        thing = kind.find(followed.key) if kind else None
        if thing is not None and kind.may_follow(person, thing):
            rows.append(
                {
                    "follow": followed,
                    "title": title_of(thing, language),
                    "path": path_of(thing, language),
                }
            )
    return rows


def follow_of(person: Any, kind: str, key: str) -> Follow | None:
    if not person.is_authenticated:
        return None
    return Follow.objects.filter(person=person, kind=kind, key=key).first()


def delivery_of(person: Any) -> str:
    chosen = FollowSettings.objects.filter(person=person).first()
    return chosen.delivery if chosen else Delivery.IMMEDIATELY
