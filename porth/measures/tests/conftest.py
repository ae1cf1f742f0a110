import datetime

import pytest

from porth.core.measures import Direction, Measure, Reading, Unit
from porth.measures import registry


def _raises(on, scope):
    raise RuntimeError("the source is broken")


BROKEN = Measure(
    key="test.broken",
    source="test",
    name_en="A broken measure",
    name_cy="Mesur wedi torri",
    definition_en="Raises whenever it is read.",
    definition_cy="Yn codi gwall bob tro.",
    unit=Unit.COUNT,
    direction=Direction.UP,
    public=True,
    compute=_raises,
    order=1,
)
PRIVATE = Measure(
    key="test.private",
    source="test",
    name_en="A private measure",
    name_cy="Mesur preifat",
    definition_en="Seven, always.",
    definition_cy="Saith, bob amser.",
    unit=Unit.PERCENT,
    direction=Direction.DOWN,
    public=False,
    compute=lambda on, scope: Reading(value=7.0, counted=7, total=100),
    coverage_en="{counted} of {total} things",
    coverage_cy="{counted} o {total} peth",
    order=2,
)


@pytest.fixture
def extra_measures(monkeypatch):
    """The declared measures plus a broken one and a private one."""
    declared = registry.all_measures()
    monkeypatch.setattr(registry, "all_measures", lambda: (BROKEN, PRIVATE, *declared))
    return (BROKEN, PRIVATE)


@pytest.fixture
def today():
    return datetime.date(2026, 11, 15)
