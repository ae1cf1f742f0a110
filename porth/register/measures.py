"""The register's success measures (ADR 0038): found by the measures app, never imported by it.

Each is worked out at a date from dated records (when a service was added or retired, when a
figure was recorded), so the worker can recompute the whole history.
"""

import datetime
from collections.abc import Sequence

from django.db import connection
from django.db.models import Count, Max, Q, QuerySet

from porth.core.measures import (
    EVERYONE,
    Direction,
    Measure,
    Reading,
    Scope,
    Unit,
    end_of,
    percent,
)

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


def _services_recorded_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    """`_services_recorded` for many scopes: the services counted by body in one query, then
    added up for each scope's bodies."""
    by_body = dict(
        services_at(on, EVERYONE)
        .order_by()
        .values("organisation__slug")
        .annotate(services=Count("pk"))
        .values_list("organisation__slug", "services")
    )
    readings = []
    for scope in scopes:
        counts = [services for slug, services in by_body.items() if scope.includes(slug)]
        readings.append(Reading(value=sum(counts), counted=len(counts), total=len(counts)))
    return readings


def _stale_figures(on: datetime.date, scope: Scope) -> Reading:
    """Of the services with any figures recorded by `on`, those whose latest period ended
    before the stale cut-off at that date (`MetricValueQuerySet.stale`'s rule, so a yearly
    figure counts as fresh as long as a monthly one that ends the same day).

    Set-based, in one query (ADR 0060): the figures recorded by `on` of the services in scope,
    grouped by service to their latest period end, then counted in one pass (all, and those
    before the cut-off), instead of a correlated subquery for each service, run twice."""
    latest = _latest_periods(on, scope)
    counts = latest.aggregate(
        total=Count("service"),
        stale=Count("service", filter=Q(latest__lt=stale_cutoff(on))),
    )
    return percent(counts["stale"], counts["total"])


def _latest_periods(on: datetime.date, scope: Scope) -> QuerySet:
    """For each service in scope with figures recorded by `on`: its latest period end."""
    return (
        MetricValue.objects.filter(recorded_at__lte=end_of(on), service__in=services_at(on, scope))
        .order_by()
        .values("service")
        .annotate(latest=Max("period_end"))
    )


def _stale_figures_by_scope(on: datetime.date, scopes: Sequence[Scope]) -> list[Reading]:
    """`_stale_figures` for many scopes: the same grouped figures (each service's latest
    period end), joined to their services' bodies and counted by body in one query; each
    scope adds up its bodies.

    The ORM cannot group the rows of a grouped query again, so the outer query is SQL around
    the ORM's own inner one (same filters as `_stale_figures`), in SQL that SQLite and
    PostgreSQL both run. Counting distinct services by body instead took three times as long
    at 100,000 services, and testing each service against a subquery of its figures made
    PostgreSQL rescan them for every service once they no longer fit in memory (ADR 0060)."""
    inner, params = _latest_periods(on, EVERYONE).query.sql_with_params()
    quote = connection.ops.quote_name
    organisations = Service._meta.get_field("organisation").related_model._meta.db_table
    sql = (
        f"SELECT o.{quote('slug')}, COUNT(*), "
        f"SUM(CASE WHEN latest.{quote('latest')} < %s THEN 1 ELSE 0 END) "
        f"FROM ({inner}) latest "
        f"JOIN {quote(Service._meta.db_table)} s ON s.{quote('id')} = latest.{quote('service')} "
        f"JOIN {quote(organisations)} o ON o.{quote('id')} = s.{quote('organisation_id')} "
        f"GROUP BY o.{quote('slug')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [stale_cutoff(on), *params])
        by_body = {slug: (with_figures, stale) for slug, with_figures, stale in cursor.fetchall()}
    readings = []
    for scope in scopes:
        counts = [counts for slug, counts in by_body.items() if scope.includes(slug)]
        readings.append(
            percent(sum(stale for _, stale in counts), sum(total for total, _ in counts))
        )
    return readings


def _stale_figures_by_date(
    days: Sequence[datetime.date], scopes: Sequence[Scope]
) -> list[list[Reading]]:
    """`_stale_figures` at many dates for many scopes: the figures are read once for every
    date, instead of once a date (the history's recompute reads 13).

    The inner query groups the figures by service, with each service's latest period end
    among the figures recorded by each date (a conditional MAX a date); the outer one joins
    them to the services' bodies and counts, for each date and body, the services alive at
    that date with figures by then, and those whose latest period ended before that date's
    cut-off. Each scope then adds up its bodies, as `_stale_figures_by_scope` does. SQL that
    SQLite and PostgreSQL both run; parameters are adapted as the ORM adapts them."""
    quote = connection.ops.quote_name
    moment = connection.ops.adapt_datetimefield_value
    day_value = connection.ops.adapt_datefield_value
    organisations = Service._meta.get_field("organisation").related_model._meta.db_table
    latest_columns, counted_columns = [], []
    inner_params: list = []
    outer_params: list = []
    for index, day in enumerate(days):
        latest_columns.append(
            f"MAX(CASE WHEN {quote('recorded_at')} <= %s THEN {quote('period_end')} END) "
            f"AS l{index}"
        )
        inner_params.append(moment(end_of(day)))
        alive = (
            f"s.{quote('created_at')} <= %s AND NOT (s.{quote('is_retired')} = %s AND "
            f"s.{quote('retired_on')} IS NOT NULL AND s.{quote('retired_on')} <= %s)"
        )
        counted_columns.append(
            f"SUM(CASE WHEN latest.l{index} IS NOT NULL AND {alive} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN latest.l{index} < %s AND {alive} THEN 1 ELSE 0 END)"
        )
        alive_params = [moment(end_of(day)), True, day_value(day)]
        outer_params += [*alive_params, day_value(stale_cutoff(day)), *alive_params]
    sql = (
        f"SELECT o.{quote('slug')}, {', '.join(counted_columns)} "
        f"FROM (SELECT {quote('service_id')} AS service, {', '.join(latest_columns)} "
        f"FROM {quote(MetricValue._meta.db_table)} WHERE {quote('recorded_at')} <= %s "
        f"GROUP BY {quote('service_id')}) latest "
        f"JOIN {quote(Service._meta.db_table)} s ON s.{quote('id')} = latest.service "
        f"JOIN {quote(organisations)} o ON o.{quote('id')} = s.{quote('organisation_id')} "
        f"GROUP BY o.{quote('slug')}"
    )
    last = moment(end_of(max(days)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*outer_params, *inner_params, last])
        by_body = {row[0]: row[1:] for row in cursor.fetchall()}
    readings = []
    for index in range(len(days)):
        on_day = []
        for scope in scopes:
            counts = [row for slug, row in by_body.items() if scope.includes(slug)]
            stale = sum(row[2 * index + 1] or 0 for row in counts)
            total = sum(row[2 * index] or 0 for row in counts)
            on_day.append(percent(stale, total))
        readings.append(on_day)
    return readings


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
        compute_scopes=_services_recorded_by_scope,
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
        compute_scopes=_stale_figures_by_scope,
        compute_dates=_stale_figures_by_date,
        coverage_en="{counted} of {total} services with figures",
        coverage_cy="{counted} o {total} gwasanaeth sydd â ffigurau",
        order=40,
    ),
]
