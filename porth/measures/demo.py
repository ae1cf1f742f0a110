"""Seed the success measures: with `demo`, a year of monthly history and a few targets.

It runs after every app whose `measures.py` reads demo data (DEPENDS_ON is worked out from the
app registry, so the measures app still names no domain app). Production gets nothing: the
worker's monthly snapshot (`manage.py take_measure_snapshots`) builds the real history. Safe to
run again: snapshots for a date are replaced, and a target someone already set is kept.
"""

import importlib.util
from collections.abc import Callable
from decimal import Decimal

from django.apps import apps

from porth.core.seeding import SeedOptions

from . import actions, queries
from .registry import find

DEMO_MONTHS = 12
# Demo targets, chosen to show each status; they are not the centre's real targets.
DEMO_TARGETS = {
    "baseline.signed_off": Decimal("80"),
    "register.stale_figures": Decimal("20"),
    "standards.standards_met": Decimal("75"),
}


def _apps_with_measures_and_demo() -> tuple[str, ...]:
    return tuple(
        config.label
        for config in apps.get_app_configs()
        if config.name != "porth.measures"
        and importlib.util.find_spec(f"{config.name}.measures") is not None
        and importlib.util.find_spec(f"{config.name}.demo") is not None
    )


DEPENDS_ON = _apps_with_measures_and_demo()


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    if not demo:
        return
    # As many months as the demo register has figures for, up to the dashboard's year.
    months = max(1, min(DEMO_MONTHS, options.months))
    stored = actions.recompute_history(months=months, today=options.today)
    out(f"Success measures: {stored} snapshots over {months} months.")
    existing = queries.targets()
    for key, value in DEMO_TARGETS.items():
        if key not in existing and find(key) is not None:
            actions.set_target(measure_key=key, value=value, by=None)
