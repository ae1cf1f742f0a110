"""Helpers for working in two languages: reading paired fields and finding counterpart URLs."""

from typing import Any

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override
from wagtail.models import Locale

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    """The active interface language, always one of ours ("cy" or "en")."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def language_of_name(name: str) -> str | None:
    """The code of the language called `name` in itself ("Cymraeg" -> "cy"), else None."""
    return {label: code for code, label in settings.LANGUAGES}.get(name.strip())


def localised(obj: Any, field: str) -> str:
    """obj.<field>_cy when Welsh is active, otherwise obj.<field>_en."""
    return getattr(obj, f"{field}_{current_language()}")


def counterpart_url(request, language: str, page: Any = None) -> str:
    """The URL of the page being shown, in `language`.

    Wagtail pages can have a different slug in each locale, so their translation is looked up;
    every other URL is re-reversed with the other language prefix. The query string is kept so
    that a filtered list stays filtered.

    Kept on the request: the layout asks twice (the `hreflang` link and the language switch),
    and on a Wagtail page each answer costs two queries (ADR 0053).
    """
    kept = request.__dict__.setdefault("_porth_counterparts", {})
    key = (language, getattr(page, "pk", None))
    if key not in kept:
        kept[key] = _counterpart_url(request, language, page)
    return kept[key]


def _counterpart_url(request, language: str, page: Any = None) -> str:
    if page is not None and hasattr(page, "get_translation_or_none"):
        locale = Locale.objects.filter(language_code=language).first()
        translation = page.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            return translation.get_url(request=request) or "/"
    with override(language):
        url = translate_url(request.path, language)
    if url == request.path:
        # Not resolvable (a 404, say): swap the prefix so the switch still keeps the path.
        _blank, _prefix, rest = request.path.partition("/")[2].partition("/")
        url = f"/{language}/{rest}"
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url
