"""Seed open data: the landscape's figures, worked out from whatever the register now holds.

They are derived data, so production and the demo both get them; `manage.py seed` runs this
after the register and the baseline (DEPENDS_ON). Safe to run again: it works them out anew.
"""

from collections.abc import Callable

from django.conf import settings

from porth.core.seeding import SeedOptions

from .actions import refresh_landscape_figures

DEPENDS_ON = ("register", "baseline")


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    for language, _name in settings.LANGUAGES:
        refresh_landscape_figures(language=language)
    out("The landscape's figures are worked out.")
