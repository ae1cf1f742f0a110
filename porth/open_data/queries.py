"""Reads for downloads, the API, snapshots and the landscape dashboard.

Every filter on services goes through the register's own `search_services`, so a download or
an API call with the register list's query string returns exactly the services that list shows.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.language import current_language, localised
from porth.organisations.models import Organisation, OrganisationType
from porth.register.formatting import format_value
from porth.register.models import (
    Channel,
    Measure,
    MetricValue,
    Phase,
    Service,
    ServiceChannel,
    TechnologyProduct,
    WelshAvailability,
    add_months,
)
from porth.register.queries import ServiceFilters, published_services, search_services

from .columns import SERVICE_COLUMNS, Column, service_rows
from .models import PersonalToken, RegisterSnapshot, hash_token

# --- Services and figures -------------------------------------------------------------------


def services_for_open_data(
    filters: ServiceFilters, *, updated_since: datetime.datetime | None = None
) -> QuerySet[Service]:
    """The register list's services for `filters`, oldest service first unless the reader
    searched or chose an order, so pages and downloads are stable while the register grows."""
    services = search_services(filters)
    if updated_since is not None:
        services = services.filter(updated_at__gte=updated_since)
    if not (filters.query.strip() or filters.sort):
        services = services.order_by("id")
    return services


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
        values = values.filter(service__in=search_services(filters.services).values("pk"))
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


def active_token(secret: str) -> PersonalToken | None:
    """The unrevoked token with this secret, with its person, in one query."""
    return (
        PersonalToken.objects.select_related("person")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )


def tokens_of(person: Any) -> QuerySet[PersonalToken]:
    return PersonalToken.objects.filter(person=person)


# --- Snapshots --------------------------------------------------------------------------------


def snapshots_for_list() -> QuerySet[RegisterSnapshot]:
    """Every snapshot, newest first, without the stored rows (megabytes each)."""
    return RegisterSnapshot.objects.defer("rows").select_related("taken_by")


def all_services_for_snapshot() -> QuerySet[Service]:
    """Every service, retired ones too, in the order of their IDs."""
    return published_services(include_retired=True).order_by("id")


# Columns compared by "what changed": the service's own facts. Labels that come from a code
# (phase_en, service_area_cy …) are left out, so renaming a service area does not show every
# service in that area as changed; `updated_at` is when, not what.
LABELLED_CODES = {
    "organisation",
    "body_type",
    "service_area",
    "users_served",
    "phase",
    "welsh_availability",
}
COMPARED_COLUMNS = [
    column
    for column in SERVICE_COLUMNS
    if column.code not in {"updated_at", "latest_metric_period"}
    and not (
        column.code.endswith(("_en", "_cy")) and column.code.rsplit("_", 1)[0] in LABELLED_CODES
    )
]


def _fingerprint(row: dict[str, Any]) -> str:
    facts = [row.get(column.code) for column in COMPARED_COLUMNS]
    return hashlib.blake2b(
        json.dumps(facts, ensure_ascii=False).encode(), digest_size=16
    ).hexdigest()


@dataclass
class FieldChange:
    column: Column
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return self.column.label_in(current_language())

    @property
    def old_text(self) -> str:
        return _readable(self.old)

    @property
    def new_text(self) -> str:
        return _readable(self.new)


def _readable(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


@dataclass
class ServiceSummary:
    """Enough of a service to name it in a list of changes."""

    public_id: str
    name_en: str
    name_cy: str
    organisation_en: str
    organisation_cy: str
    changes: list[FieldChange] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "ServiceSummary":
        return cls(
            public_id=row["public_id"],
            name_en=row["name_en"],
            name_cy=row["name_cy"],
            organisation_en=row["organisation_en"],
            organisation_cy=row["organisation_cy"],
        )

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def organisation(self) -> str:
        return localised(self, "organisation")


@dataclass
class SnapshotChanges:
    """How the register now differs from a snapshot. Counts are complete; lists stop at the
    limit so that a page stays readable (and small) however much changed."""

    limit: int
    added: list[ServiceSummary] = field(default_factory=list)
    retired: list[ServiceSummary] = field(default_factory=list)
    removed: list[ServiceSummary] = field(default_factory=list)
    changed: list[ServiceSummary] = field(default_factory=list)
    added_count: int = 0
    retired_count: int = 0
    removed_count: int = 0
    changed_count: int = 0

    @property
    def has_changes(self) -> bool:
        return any((self.added_count, self.retired_count, self.removed_count, self.changed_count))


def changes_since(snapshot: RegisterSnapshot, *, limit: int = 200) -> SnapshotChanges:
    """Compare a snapshot with the register now, service by service.

    Holds only a fingerprint per service in memory, not two copies of the register: one pass
    over the snapshot for fingerprints, one over the live register, and a second pass over the
    snapshot for the old values of the (at most `limit`) changed services that will be shown.
    """
    result = SnapshotChanges(limit=limit)
    before: dict[str, tuple[str, bool]] = {
        row["public_id"]: (_fingerprint(row), bool(row["is_retired"]))
        for row in snapshot.iter_rows()
    }
    shown_changes: dict[str, dict[str, Any]] = {}
    for row in service_rows(all_services_for_snapshot()):
        public_id = row["public_id"]
        previous = before.pop(public_id, None)
        if previous is None:
            result.added_count += 1
            if len(result.added) < limit:
                result.added.append(ServiceSummary.from_row(row))
            continue
        fingerprint, was_retired = previous
        if row["is_retired"] and not was_retired:
            result.retired_count += 1
            if len(result.retired) < limit:
                result.retired.append(ServiceSummary.from_row(row))
        elif fingerprint != _fingerprint(row):
            result.changed_count += 1
            if len(shown_changes) < limit:
                shown_changes[public_id] = row
    result.removed_count = len(before)
    if before or shown_changes:
        for old in snapshot.iter_rows():
            public_id = old["public_id"]
            if public_id in before and len(result.removed) < limit:
                result.removed.append(ServiceSummary.from_row(old))
            new = shown_changes.get(public_id)
            if new is not None:
                summary = ServiceSummary.from_row(new)
                summary.changes = [
                    FieldChange(column, old.get(column.code), new.get(column.code))
                    for column in COMPARED_COLUMNS
                    if old.get(column.code) != new.get(column.code)
                ]
                result.changed.append(summary)
    return result


# --- The landscape dashboard ----------------------------------------------------------------


@dataclass
class Tally:
    code: str
    label: str
    count: int


@dataclass
class BodyCoverage:
    organisation: Organisation
    services: int
    with_recent_figures: int
    last_updated: datetime.datetime | None

    @property
    def percent_with_recent_figures(self) -> int | None:
        if not self.services:
            return None
        return round(100 * self.with_recent_figures / self.services)


@dataclass
class ProductUse:
    product: TechnologyProduct
    services: int
    bodies: int


@dataclass
class KpiMedian:
    area_code: str
    area: str
    medians: list[float | None]  # one per KPI, in the order of Landscape.kpis
    units: list[str]

    @property
    def formatted(self) -> list[str]:
        """Each median as the register writes a figure ("85.5%", "£3.20")."""
        return [
            "" if median is None else format_value(Decimal(str(round(median, 2))), unit)
            for median, unit in zip(self.medians, self.units, strict=True)
        ]


@dataclass
class Landscape:
    total: int
    by_body_type: list[Tally]
    by_phase: list[Tally]
    by_area: list[Tally]
    by_channel: list[Tally]
    by_welsh: list[Tally]
    coverage: list[BodyCoverage]
    products: list[ProductUse]
    kpis: list[Measure]
    medians: list[KpiMedian]
    recent_since: datetime.date


class _Median(Aggregate):
    """PostgreSQL's exact median; other databases get the median in Python (`_median`)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _median(ordered: list[float]) -> float | None:
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def recent_since(today: datetime.date | None = None) -> datetime.date:
    """Figures for periods starting on or after this date count as recent: the last 6 months."""
    today = today or timezone.localdate()
    return add_months(today.replace(day=1), -6)


def _kpi_medians(kpis: list[Measure], since: datetime.date) -> dict[tuple[int, int], float]:
    """{(service_area_id, measure_id): median} over recent figures of current services."""
    values = MetricValue.objects.filter(
        measure__in=kpis,
        period_start__gte=since,
        value__isnull=False,
        service__is_retired=False,
    )
    if connection.vendor == "postgresql":
        return {
            (row["service__service_area_id"], row["measure_id"]): row["median"]
            for row in values.values("service__service_area_id", "measure_id")
            .annotate(median=_Median("value"))
            .order_by()
        }
    grouped: dict[tuple[int, int], list[float]] = {}
    for area_id, measure_id, value in values.values_list(
        "service__service_area_id", "measure_id", "value"
    ).order_by("service__service_area_id", "measure_id", "value"):
        grouped.setdefault((area_id, measure_id), []).append(float(value))
    return {key: _median(ordered) for key, ordered in grouped.items()}


PRODUCTS_SHOWN = 15


def landscape_figures(today: datetime.date | None = None) -> Landscape:
    """Every figure the dashboard shows, in 6 queries whatever the size of the register."""
    since = recent_since(today)
    current = Service.objects.current()
    body_types: dict[str, int] = {}
    phases: dict[str, int] = {}
    welsh: dict[str, int] = {}
    areas: dict[str, list] = {}
    total = 0
    for row in current.values(
        "organisation__type",
        "phase",
        "welsh_availability",
        "service_area_id",
        "service_area__code",
        "service_area__name_en",
        "service_area__name_cy",
    ).annotate(count=Count("id")):
        count = row["count"]
        total += count
        body_types[row["organisation__type"]] = body_types.get(row["organisation__type"], 0) + count
        phases[row["phase"]] = phases.get(row["phase"], 0) + count
        welsh[row["welsh_availability"]] = welsh.get(row["welsh_availability"], 0) + count
        area = areas.setdefault(
            row["service_area__code"],
            [row[f"service_area__name_{current_language()}"], 0, row["service_area_id"]],
        )
        area[1] += count
    channels = dict(
        ServiceChannel.objects.filter(service__is_retired=False)
        .values_list("channel")
        .annotate(count=Count("id"))
        .order_by()
    )
    coverage = [
        BodyCoverage(
            organisation=organisation,
            services=organisation.service_count,
            with_recent_figures=organisation.recent_count,
            last_updated=organisation.last_updated,
        )
        for organisation in Organisation.objects.annotate(
            service_count=Count("services", filter=Q(services__is_retired=False)),
            recent_count=Count(
                "services",
                filter=Q(services__is_retired=False, services__latest_metric_period__gte=since),
            ),
            last_updated=Max("services__updated_at", filter=Q(services__is_retired=False)),
        ).order_by(f"name_{current_language()}")
    ]
    in_use = Q(services__is_retired=False)
    products = [
        ProductUse(product=product, services=product.service_count, bodies=product.body_count)
        for product in TechnologyProduct.objects.annotate(
            service_count=Count("services", filter=in_use, distinct=True),
            body_count=Count("services__organisation", filter=in_use, distinct=True),
        )
        .filter(service_count__gt=0)
        .order_by("-body_count", "-service_count", "name")[:PRODUCTS_SHOWN]
    ]
    kpis = list(Measure.objects.filter(is_kpi=True, organisation__isnull=True))
    medians = _kpi_medians(kpis, since)
    area_rows = sorted(areas.items(), key=lambda item: (-item[1][1], item[1][0]))
    return Landscape(
        total=total,
        by_body_type=[
            Tally(code, str(label), body_types.get(code, 0))
            for code, label in OrganisationType.choices
        ],
        by_phase=[Tally(code, str(label), phases.get(code, 0)) for code, label in Phase.choices],
        by_area=[Tally(code, name, count) for code, (name, count, _id) in area_rows],
        by_channel=[
            Tally(code, str(label), channels.get(code, 0)) for code, label in Channel.choices
        ],
        by_welsh=[
            Tally(code, str(label), welsh.get(code, 0)) for code, label in WelshAvailability.choices
        ],
        coverage=coverage,
        products=products,
        kpis=kpis,
        medians=[
            KpiMedian(
                area_code=code,
                area=name,
                medians=[medians.get((area_id, kpi.pk)) for kpi in kpis],
                units=[kpi.unit for kpi in kpis],
            )
            for code, (name, _count, area_id) in area_rows
        ],
        recent_since=since,
    )
