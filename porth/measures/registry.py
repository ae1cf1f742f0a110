"""Finding every app's measures (ADR 0038), the way Django's admin finds `admin.py`.

The measures app imports no domain app: it asks the app registry for the installed apps and
imports `<app>.measures` where one exists, reading its `MEASURES` list. A module that fails to
import is logged and left out, so one broken app never takes the dashboard down.
"""

import functools
import importlib
import importlib.util
import logging

from django.apps import apps

from porth.core.measures import Measure

logger = logging.getLogger(__name__)

MODULE = "measures"


class DuplicateMeasure(Exception):
    """Two apps declared measures with the same key."""


@functools.cache
def all_measures() -> tuple[Measure, ...]:
    """Every declared measure, in their `order`, then by key. Cached for the process."""
    found: dict[str, Measure] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if config.name == "porth.measures" or importlib.util.find_spec(name) is None:
            continue
        try:
            module = importlib.import_module(name)
            declared = list(getattr(module, "MEASURES", []))
        except Exception:
            logger.exception("The measures of %s could not be read", config.name)
            continue
        for measure in declared:
            if measure.key in found:
                raise DuplicateMeasure(measure.key)
            found[measure.key] = measure
    return tuple(sorted(found.values(), key=lambda measure: (measure.order, measure.key)))


def measures(*, public_only: bool) -> list[Measure]:
    return [m for m in all_measures() if m.public or not public_only]


def find(key: str) -> Measure | None:
    return next((measure for measure in all_measures() if measure.key == key), None)
