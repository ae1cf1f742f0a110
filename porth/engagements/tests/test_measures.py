"""Engagements' success measures: engagements by phase and partner bodies reached."""

import datetime

import pytest

from porth.core.measures import EVERYONE, Scope
from porth.core.proofing import allowed, avoided_terms, check_text
from porth.engagements.measures import MEASURES
from porth.engagements.models import Phase, PhaseChange
from porth.organisations.tests.factories import OrganisationFactory

from .factories import EngagementFactory

pytestmark = pytest.mark.django_db


def measure(key: str):
    return next(m for m in MEASURES if m.key == key)


def parts(reading) -> dict[str, float | None]:
    return {part.key: part.value for part in reading.parts}


def test_engagements_are_counted_in_the_phase_they_were_in_on_the_date():
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    moved = EngagementFactory(
        phase=Phase.ALPHA, starts_on=datetime.date(2024, 4, 1), partners=[ours]
    )
    PhaseChange.objects.create(engagement=moved, phase=Phase.DISCOVERY, started_on=moved.starts_on)
    PhaseChange.objects.create(
        engagement=moved, phase=Phase.ALPHA, started_on=datetime.date(2024, 9, 1)
    )
    EngagementFactory(
        phase=Phase.BETA,
        starts_on=datetime.date(2024, 5, 1),
        ends_on=datetime.date(2024, 12, 31),
        partners=[theirs],
    )
    by_phase = measure("engagements.by_phase").compute
    assert by_phase(datetime.date(2024, 3, 31), EVERYONE).value == 0
    summer = by_phase(datetime.date(2024, 6, 1), EVERYONE)
    assert summer.value == 2
    assert parts(summer) == {"discovery": 1, "alpha": 0, "beta": 1, "live": 0}
    autumn = by_phase(datetime.date(2024, 10, 1), EVERYONE)
    assert parts(autumn)["alpha"] == 1
    assert parts(autumn)["discovery"] == 0
    # Ended engagements drop out
    assert by_phase(datetime.date(2025, 1, 1), EVERYONE).value == 1
    # A scope narrows to engagements its bodies are partners in
    narrowed = by_phase(datetime.date(2024, 6, 1), Scope(organisations=frozenset({theirs.slug})))
    assert narrowed.value == 1
    assert parts(narrowed)["beta"] == 1
    assert {part.label_en for part in summer.parts} >= {"Discovery", "Live"}


def test_partner_bodies_reached_counts_each_body_once_from_when_its_engagement_started():
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    EngagementFactory(starts_on=datetime.date(2024, 4, 1), partners=[ours, theirs])
    EngagementFactory(starts_on=datetime.date(2025, 1, 1), partners=[ours])
    reached = measure("engagements.partners_reached").compute
    assert reached(datetime.date(2024, 3, 1), EVERYONE).value == 0
    assert reached(datetime.date(2025, 6, 1), EVERYONE).value == 2
    assert (
        reached(datetime.date(2025, 6, 1), Scope(organisations=frozenset({ours.slug}))).value == 1
    )
    assert reached(datetime.date(2025, 6, 1), Scope(organisations=frozenset({"nobody"}))).value == 0


def test_the_measures_welsh_passes_the_proofing_check():
    for m in MEASURES:
        for text in (m.name_cy, m.definition_cy):
            assert check_text(text, m.key, avoided_terms(), allowed()) == []
