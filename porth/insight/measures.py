"""Audience insight's success measure (ADR 0038): the Welsh share of page views in the 30 days
up to the date. Centre staff only: it is about the site, not the services."""

import datetime

from porth.core.measures import Direction, Measure, Reading, Scope, Unit, percent

from .queries import welsh_share_between


def _welsh_share(on: datetime.date, scope: Scope) -> Reading:
    if not scope.is_everyone:
        return Reading(value=None)  # page views belong to no body
    welsh, total = welsh_share_between(on - datetime.timedelta(days=29), on)
    return percent(welsh, total)


MEASURES = [
    Measure(
        key="insight.welsh_share",
        source="insight",
        name_en="Page views in Welsh",
        name_cy="Tudalennau a welwyd yn Gymraeg",
        definition_en=(
            "The share of Porth's page views in the 30 days up to the date that were in Welsh."
        ),
        definition_cy=(
            "Cyfran y tudalennau a welwyd ar Porth yn y 30 diwrnod hyd at y dyddiad a oedd yn "
            "Gymraeg."
        ),
        unit=Unit.PERCENT,
        direction=Direction.UP,
        public=False,
        compute=_welsh_share,
        coverage_en="{counted} of {total} page views",
        coverage_cy="{counted} o {total} golwg ar dudalen",
        order=90,
    ),
]
