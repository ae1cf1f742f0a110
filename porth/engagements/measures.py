"""Engagements' success measures (ADR 0038): found by the measures app, never imported by it.

Worked out at a date from each engagement's start and end dates and its dated phase changes,
so the history can be recomputed. They count engagements not yet shown to the public too, so
they are for the centre's view only (`public=False`).
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import translation

from porth.core.measures import Direction, Measure, Part, Reading, Scope, Unit

from .models import Engagement, Phase, PhaseChange


def active_on(on: datetime.date, scope: Scope) -> QuerySet[Engagement]:
    """Engagements under way on `on`: started by then and not ended before it."""
    engagements = Engagement.objects.filter(starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
    return scope.narrow(engagements, "partners").distinct()


def phase_on(engagement_ids: list[int], on: datetime.date) -> dict[int, str]:
    """Each engagement's phase on `on`: the latest phase change by then (else its first)."""
    phases: dict[int, str] = {}
    changes = PhaseChange.objects.filter(engagement_id__in=engagement_ids).order_by(
        "engagement_id", "started_on", "id"
    )
    for change in changes:
        if change.started_on <= on or change.engagement_id not in phases:
            phases[change.engagement_id] = change.phase
    return phases


def _label(phase: Phase, language: str) -> str:
    with translation.override(language):
        return str(phase.label)


def _by_phase(on: datetime.date, scope: Scope) -> Reading:
    current = dict(active_on(on, scope).values_list("pk", "phase"))
    phases = {**current, **phase_on(list(current), on)}
    parts = tuple(
        Part(
            key=phase.value,
            label_en=_label(phase, "en"),
            label_cy=_label(phase, "cy"),
            value=sum(1 for value in phases.values() if value == phase.value),
        )
        for phase in Phase
    )
    return Reading(value=len(current), parts=parts)


def _partners_reached(on: datetime.date, scope: Scope) -> Reading:
    """Distinct bodies that were partners in an engagement started by `on`."""
    links = scope.narrow(
        Engagement.partners.through.objects.filter(engagement__starts_on__lte=on), "organisation"
    )
    bodies = links.values("organisation").distinct().count()
    return Reading(value=bodies)


MEASURES = [
    Measure(
        key="engagements.by_phase",
        source="engagements",
        name_en="Engagements under way, by phase",
        name_cy="Ymgysylltiadau sydd ar waith, yn ôl cam",
        definition_en=(
            "Engagements that had started and not ended on the date, by the phase each was in."
        ),
        definition_cy=(
            "Ymgysylltiadau a oedd wedi dechrau ac nad oeddent wedi dod i ben ar y dyddiad, yn "
            "ôl y cam yr oedd pob un ynddo."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=False,
        compute=_by_phase,
        order=60,
    ),
    Measure(
        key="engagements.partners_reached",
        source="engagements",
        name_en="Partner bodies reached by engagements",
        name_cy="Cyrff partner a gyrhaeddwyd gan ymgysylltiadau",
        definition_en=(
            "Distinct bodies that had been a partner in at least one engagement started by the "
            "date."
        ),
        definition_cy=(
            "Cyrff gwahanol a oedd wedi bod yn bartner mewn o leiaf un ymgysylltiad a "
            "ddechreuwyd erbyn y dyddiad."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=False,
        compute=_partners_reached,
        order=61,
    ),
]
