"""Seed open data: the landscape's figures, worked out from whatever the register now holds.

They are derived data, so production and the demo both get them; `manage.py seed` runs this
after the register and the baseline (DEPENDS_ON). Safe to run again: it works them out anew.
It also queues the whole-register downloads, which only the worker builds.
"""

from collections.abc import Callable

from porth.core.seeding import SeedOptions

from .actions import refresh_landscape_figures
from .queue import queue_downloads_build

DEPENDS_ON = ("register", "baseline")


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    refresh_landscape_figures()
    out("The landscape's figures are worked out.")
    # The whole-register downloads are built by the worker (ADR 0052); ask for them now so
    # `make run`, which starts the worker, serves them within a minute instead of a 503.
    queue_downloads_build()
    out("The whole-register downloads are queued for the worker.")
