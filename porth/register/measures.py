"""The register's success measures (ADR 0038): found by the measures app, never imported by it.

Each is worked out at a date from dated records (when a service was added or retired, when a
figure was recorded), so the worker can recompute the whole history.
"""

import datetime

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from porth.core.measures import Direction, Measure, Reading, Scope, Unit, end_of, percent

from .models import MetricValue, Service
from .models.metrics import stale_cutoff


def services_at(on: datetime.date, scope: Scope) -> QuerySet[Service]:
    """Services in the register on `on`: added by then and not retired before it."""
    services = Service.objects.filter(created_at__lte=end_of(on)).exclude(
        is_retired=True, retired_on__lte=on
    )
    return scope.narrow(services, "organisation")


def _services_recorded(on: datetime.date, scope: Scope) -> Reading:
    services = services_at(on, scope)
    bodies = services.values("organisation").distinct().count()
    return Reading(value=services.count(), counted=bodies, total=bodies)


def _stale_figures(on: datetime.date, scope: Scope) -> Reading:
    """Of the services with any figures recorded by `on`, those whose latest period ended
    before the stale cut-off at that date (`MetricValueQuerySet.stale`'s rule, so a yearly
    figure counts as fresh as long as a monthly one that ends the same day)."""
    latest = (
        MetricValue.objects.filter(service=OuterRef("pk"), recorded_at__lte=end_of(on))
        .order_by()
        .values("service")
        .annotate(latest=Max("period_end"))
        .values("latest")
    )
    with_figures = (
        services_at(on, scope).annotate(latest=Subquery(latest)).filter(latest__isnull=False)
    )
    total = with_figures.count()
    stale = with_figures.filter(Q(latest__lt=stale_cutoff(on))).count()
    return percent(stale, total)


MEASURES = [
    Measure(
        key="register.services_recorded",
        source="register",
        name_en="Services recorded",
        name_cy="Gwasanaethau wedi'u cofnodi",
        definition_en=("Services in the register on the date, not counting those retired by then."),
        definition_cy=(
            "Gwasanaethau yn y gofrestr ar y dyddiad, heb gyfrif y rhai a ddaeth i ben erbyn hynny."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_services_recorded,
        coverage_en="From {counted} bodies",
        coverage_cy="Gan {counted} o gyrff",
        order=10,
    ),
    Measure(
        key="register.welsh_every_step",
        source="register",
        name_en="Services fully available in Welsh at every step",
        name_cy="Gwasanaethau sydd ar gael yn llawn yn Gymraeg ym mhob cam",
        definition_en=(
            "The share of services that people can use in Welsh at every step, from applying "
            "to getting a decision."
        ),
        definition_cy=(
            "Cyfran y gwasanaethau y gall pobl eu defnyddio yn Gymraeg ym mhob cam, o wneud "
            "cais i gael penderfyniad."
        ),
        unit=Unit.PERCENT,
        direction=Direction.UP,
        public=True,
        compute=None,
        unavailable_en=(
            "The register records Welsh availability for each channel, not for each step of a "
            "service, and keeps no history of it."
        ),
        unavailable_cy=(
            "Mae'r gofrestr yn cofnodi argaeledd yn Gymraeg ar gyfer pob sianel, nid ar gyfer "
            "pob cam o wasanaeth, ac nid yw'n cadw ei hanes."
        ),
        order=30,
    ),
    Measure(
        key="register.stale_figures",
        source="register",
        name_en="Services whose figures are out of date",
        name_cy="Gwasanaethau y mae eu ffigurau wedi dyddio",
        definition_en=(
            "Of the services with figures, the share whose latest figures are for a period "
            "that ended more than 6 months before the date."
        ),
        definition_cy=(
            "O'r gwasanaethau sydd â ffigurau, cyfran y rhai y mae eu ffigurau diweddaraf ar "
            "gyfer cyfnod a ddaeth i ben fwy na 6 mis cyn y dyddiad."
        ),
        unit=Unit.PERCENT,
        direction=Direction.DOWN,
        public=True,
        compute=_stale_figures,
        coverage_en="{counted} of {total} services with figures",
        coverage_cy="{counted} o {total} gwasanaeth sydd â ffigurau",
        order=40,
    ),
]
