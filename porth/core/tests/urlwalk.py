"""Walks every URL pattern, so safety-net tests cover views nobody remembered to test."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter


@dataclass
class Route:
    name: str
    path: str  # with a leading "/", language prefix as "/en/"
    view: Any
    parameters: tuple[str, ...] = ()  # names of the URL parameters that were filled with samples

    @property
    def access(self) -> str | None:
        return getattr(self.view, "porth_access", None)

    @property
    def is_ours(self) -> bool:
        return getattr(self.view, "__module__", "").startswith("porth.")


def _sample(converter: Any, slug: str) -> str:
    if isinstance(converter, UUIDConverter):
        return str(uuid.uuid4())
    if isinstance(converter, IntConverter):
        return "999999"
    if isinstance(converter, SlugConverter):
        return slug
    if isinstance(converter, PathConverter):
        return "sample"
    return slug


def walk(slug: str = "sample", language: str = "en") -> Iterator[Route]:
    """Every concrete route, its parameters filled with samples (`slug` for slug parameters)."""

    def visit(patterns, prefix: str, namespace: str, parameters: tuple[str, ...]):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                part = str(pattern.pattern)
                if part.startswith("^") or "(?P" in part:
                    # i18n_patterns' LocalePrefixPattern renders as "en/"
                    part = ""
                elif hasattr(pattern.pattern, "language_prefix"):
                    part = f"{language}/"
                converters = getattr(pattern.pattern, "converters", {})
                for key, converter in converters.items():
                    part = part.replace(f"<{key}>", _sample(converter, slug))
                    for kind in ("int", "slug", "str", "uuid", "path"):
                        part = part.replace(f"<{kind}:{key}>", _sample(converter, slug))
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from visit(
                    pattern.url_patterns, prefix + part, ns, parameters + tuple(converters)
                )
            elif isinstance(pattern, URLPattern):
                part = str(pattern.pattern)
                if part.startswith("^") or "(?P" in part:
                    continue  # regex routes belong to Wagtail's page serving and static files
                for key, converter in pattern.pattern.converters.items():
                    for kind in ("int", "slug", "str", "uuid", "path"):
                        part = part.replace(f"<{kind}:{key}>", _sample(converter, slug))
                    part = part.replace(f"<{key}>", _sample(converter, slug))
                yield Route(
                    name=f"{namespace}{pattern.name or ''}",
                    path="/" + prefix + part,
                    view=pattern.callback,
                    parameters=parameters + tuple(pattern.pattern.converters),
                )

    yield from visit(get_resolver().url_patterns, "", "", ())
