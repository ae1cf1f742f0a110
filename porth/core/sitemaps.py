"""The sitemap: every public page in both languages, each with its alternates (ADR 0049).

Core knows no domain app. Each app that has public pages writes `porth/<app>/sitemaps.py` with
`SITEMAPS = {"section-name": SitemapInstance, ...}`; `sitemaps()` finds those modules at run
time, as `manage.py seed` finds `demo.py`. Every URL is listed once per language (`/cy/…` and
`/en/…`), with `xhtml:link` alternates for `cy`, `en` and `x-default` (the English page, as in
the pages' own `<link rel="alternate">`). Only pages an anonymous visitor may open belong here.
"""

import importlib
import importlib.util
from typing import Any

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .language import LANGUAGE_CODES


class BilingualSitemap(Sitemap):
    """A section listed in Welsh and English, with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True
    languages = LANGUAGE_CODES


class NamedPages(BilingualSitemap):
    """Public pages reached by a URL name without arguments (lists, overviews)."""

    def __init__(self, *names: str, priority: float | None = None) -> None:
        self.names = list(names)
        self.priority = priority

    def items(self) -> list[str]:
        return self.names

    def location(self, item: str) -> str:
        return reverse(item)


def sitemaps() -> dict[str, Sitemap]:
    """Every installed app's `SITEMAPS`, in INSTALLED_APPS order."""
    found: dict[str, Any] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.sitemaps"
        if not config.name.startswith("porth.") or config.name == __package__:
            continue
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        found.update(getattr(module, "SITEMAPS", {}))
    return found
