"""The kinds of thing a person can follow. Each kind says how to find one by its key (through
its app's queries) and what to call it; new kinds (a standard, a community, a course, a blog
topic) add one entry here and a button in their page's slot."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from porth.register import queries as register_queries


@dataclass(frozen=True)
class Kind:
    name: str
    find: Callable[[str], Any]  # the thing, or None
    key_of: Callable[[Any], str]


def _service(key: str) -> Any:
    return register_queries.service_for_page(key)


KINDS: dict[str, Kind] = {
    "service": Kind(name="service", find=_service, key_of=lambda service: service.public_id),
}


def title_of(thing: Any, language: str) -> str:
    with translation.override(language):
        return str(thing.name)


def path_of(thing: Any, language: str) -> str:
    with translation.override(language):
        return thing.get_absolute_url()
