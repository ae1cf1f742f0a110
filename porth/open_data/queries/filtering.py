"""Services and figures for downloads and the API, chosen by the register list's filters.

Every filter on services goes through the register's own `search`, so a download or
an API call with the register list's query string returns exactly the services that list shows.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from porth.register.models import (
    MetricValue,
    Service,
)
from porth.register.search import ServiceFilters, search


def services_for_open_data(
    filters: ServiceFilters, *, updated_since: datetime.datetime | None = None
) -> QuerySet[Service]:
    """The register list's services for `filters`, oldest service first unless the reader
    searched or chose an order, so pages and downloads are stable while the register grows."""
    services = search(filters).services
    if updated_since is not None:
        services = services.filter(updated_at__gte=updated_since)
    if not (filters.query.strip() or filters.sort):
        services = services.order_by("id")
    return services


def selects_every_live_service(
    filters: ServiceFilters, *, updated_since: datetime.datetime | None = None
) -> bool:
    """Whether `services_for_open_data` would select every live service: no filter, no
    retired services, no date. Such a list is counted by `register.queries.live_service_count`,
    kept until the register changes as a whole (ADR 0071)."""
    return not (_filters_restrict(filters) or filters.include_retired or updated_since)


def _filters_restrict(filters: ServiceFilters) -> bool:
    return any(
        (
            filters.query.strip(),
            filters.organisations,
            filters.body_types,
            filters.areas,
            filters.phases,
            filters.channels,
            filters.welsh,
            filters.users,
        )
    )


@dataclass
class MetricFilters:
    """Which figures to read: those of the services `services` selects, narrowed further."""

    services: ServiceFilters = field(default_factory=ServiceFilters)
    service_ids: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    period_types: list[str] = field(default_factory=list)
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    updated_since: datetime.datetime | None = None


def metric_values_for_open_data(filters: MetricFilters) -> QuerySet[MetricValue]:
    """Figures ordered by service, measure and period (the order of the unique index, so the
    database streams them without sorting)."""
    values = MetricValue.objects.all()
    if _filters_restrict(filters.services):
        values = values.filter(service__in=search(filters.services).services.values("pk"))
    elif not filters.services.include_retired:
        values = values.filter(service__is_retired=False)
    if filters.service_ids:
        values = values.filter(service__public_id__in=[i.upper() for i in filters.service_ids])
    if filters.measures:
        values = values.filter(measure__code__in=filters.measures)
    if filters.period_types:
        values = values.filter(period_type__in=filters.period_types)
    if filters.period_from:
        values = values.filter(period_start__gte=filters.period_from)
    if filters.period_to:
        values = values.filter(period_start__lte=filters.period_to)
    if filters.updated_since:
        values = values.filter(updated_at__gte=filters.updated_since)
    return values.order_by("service_id", "measure_id", "period_type", "period_start")
