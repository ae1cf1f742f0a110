"""The figures of the public landscape dashboard, in a fixed number of queries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation

from porth.core.language import current_language
from porth.organisations.models import Organisation, OrganisationType
from porth.register.formatting import format_value
from porth.register.models import (
    Channel,
    Measure,
    MetricValue,
    Phase,
    Service,
    ServiceChannel,
    StepsInWelsh,
    TechnologyProduct,
    WelshAvailability,
    add_months,
    per_month,
)

from ..models import LandscapeFigures


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
class ChannelVolume:
    """Transactions through one channel, as an average a month over the services that gave a
    recent figure for it (ADR 0046)."""

    code: str
    label: str
    per_month: Decimal
    services: int


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
    # A tuple, so figures stored before it existed still read (as none).
    transactions: tuple[ChannelVolume, ...] = ()
    # Figures stored before these were counted read back with them empty (the page hides them).
    by_welsh_steps: list[Tally] = field(default_factory=list)
    welsh_end_to_end: int | None = None
    """Services whose every recorded step can be done in Welsh (issue 11 item 9)."""
    with_steps: int | None = None


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
        period_end__gte=since,
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


def _transaction_totals(since: datetime.date) -> tuple[dict[str, Decimal], dict[str, int]]:
    """Transactions a month through each channel, from each service's latest figure for it,
    and how many services gave one: ({channel: total}, {channel: services}).

    Bodies report by month, quarter, financial or calendar year. A service's figures for
    periods of different lengths are never added together: its latest figure for the channel
    that ended on or after `since` is taken (the longer period if two end the same day), made
    an average a month, and those averages are added up across services.
    """
    latest = (
        MetricValue.objects.filter(
            measure__organisation__isnull=True,
            value__isnull=False,
            period_end__gte=since,
            service__is_retired=False,
        )
        .exclude(measure__channel="")
        .annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("service_id"), F("measure_id")],
                order_by=[F("period_end").desc(), F("period_start").asc()],
            )
        )
        .filter(recency=1)
        .values_list("measure__channel", "period_type", "value")
    )
    totals: dict[str, Decimal] = {}
    services: dict[str, int] = {}
    for channel, period_type, value in latest:
        totals[channel] = totals.get(channel, Decimal(0)) + per_month(value, period_type)
        services[channel] = services.get(channel, 0) + 1
    return totals, services


PRODUCTS_SHOWN = 15
REFRESH_CLAIM_SECONDS = 300
"""A refresh queued this long ago and not yet started is taken as lost and may be queued again."""
REFRESH_DELAY_SECONDS = 60
"""How long a refresh asked for by a change waits, gathering the changes made meanwhile: at
100,000 services working the figures out takes 3–7 s of the database, for both languages
together (ADR 0066, 0067)."""


def stored_landscape_figures(language: str) -> LandscapeFigures | None:
    """The dashboard's figures as the worker last worked them out for `language`, if any.

    One small query: the page reads these instead of working the figures out, which at
    benchmark size (100,000 services, 10 million figures) takes seconds. The page never
    refreshes them (`porth.open_data.queue.queue_landscape_refresh` says who does).
    """
    return LandscapeFigures.objects.filter(language=language).first()


def landscape_figures(today: datetime.date | None = None) -> Landscape:
    """Every figure the dashboard shows, in the current language."""
    language = current_language()
    return landscape_figures_in([language], today)[language]


def landscape_figures_in(
    languages: Iterable[str], today: datetime.date | None = None
) -> dict[str, Landscape]:
    """Every figure the dashboard shows, in each of `languages`: read once, in a fixed number
    of queries whatever the size of the register or the number of languages, and then put
    into each language's words and order. At 100,000 services the reading is seconds of the
    database's time; only the words differ between languages (ADR 0067)."""
    languages = list(languages)
    counted = _count(languages, today)
    figures = {}
    for language in languages:
        with translation.override(language):
            figures[language] = _in_words(counted, language)
    return figures


@dataclass
class _AreaCount:
    """One service area's current services, with its name in each language."""

    id: int
    names: dict[str, str]
    count: int = 0


@dataclass
class _Counted:
    """What the dashboard shows, as read from the database, before it is put into words."""

    since: datetime.date
    total: int
    body_types: dict[str, int]
    phases: dict[str, int]
    welsh: dict[str, int]
    welsh_steps: dict[str, int]
    areas: dict[str, _AreaCount]
    channels: dict[str, int]
    organisations: list[Organisation]
    order_by_name: dict[str, list[int]]
    products: list[ProductUse]
    kpis: list[Measure]
    medians: dict[tuple[int, int], float]
    transaction_totals: dict[str, Decimal]
    transaction_services: dict[str, int]


def _count(languages: list[str], today: datetime.date | None) -> _Counted:
    since = recent_since(today)
    current = Service.objects.current()
    body_types: dict[str, int] = {}
    phases: dict[str, int] = {}
    welsh: dict[str, int] = {}
    welsh_steps: dict[str, int] = {}
    areas: dict[str, _AreaCount] = {}
    total = 0
    for row in current.values(
        "organisation__type",
        "phase",
        "welsh_availability",
        "steps_in_welsh",
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
        welsh_steps[row["steps_in_welsh"]] = welsh_steps.get(row["steps_in_welsh"], 0) + count
        area = areas.setdefault(
            row["service_area__code"],
            _AreaCount(id=row["service_area_id"], names=_names(row, "service_area__name")),
        )
        area.count += count
    channels = dict(
        ServiceChannel.objects.filter(service__is_retired=False)
        .values_list("channel")
        .annotate(count=Count("id"))
        .order_by()
    )
    # The bodies in the database's order of their names (its collation, as every other list of
    # bodies) in the first language; another language's order is one more small query, not
    # another count of their services.
    first, *others = languages or [current_language()]
    organisations = list(
        Organisation.objects.annotate(
            service_count=Count("services", filter=Q(services__is_retired=False)),
            recent_count=Count(
                "services",
                filter=Q(services__is_retired=False, services__latest_metric_period__gte=since),
            ),
            last_updated=Max("services__updated_at", filter=Q(services__is_retired=False)),
        ).order_by(f"name_{first}")
    )
    order_by_name = {first: [organisation.pk for organisation in organisations]}
    for language in others:
        order_by_name[language] = list(
            Organisation.objects.order_by(f"name_{language}").values_list("pk", flat=True)
        )
    in_use = Q(services__is_retired=False)
    products = [
        ProductUse(product=product, services=product.service_count, bodies=product.body_count)
        for product in TechnologyProduct.objects.annotate(
            # One row per (product, service) pair, so only the bodies need DISTINCT.
            service_count=Count("services", filter=in_use),
            body_count=Count("services__organisation", filter=in_use, distinct=True),
        )
        .filter(service_count__gt=0)
        .order_by("-body_count", "-service_count", "name")[:PRODUCTS_SHOWN]
    ]
    kpis = list(Measure.objects.filter(is_kpi=True, organisation__isnull=True))
    transaction_totals, transaction_services = _transaction_totals(since)
    return _Counted(
        since=since,
        total=total,
        body_types=body_types,
        phases=phases,
        welsh=welsh,
        welsh_steps=welsh_steps,
        areas=areas,
        channels=channels,
        organisations=organisations,
        order_by_name=order_by_name,
        products=products,
        kpis=kpis,
        medians=_kpi_medians(kpis, since),
        transaction_totals=transaction_totals,
        transaction_services=transaction_services,
    )


def _names(row: dict[str, Any], prefix: str) -> dict[str, str]:
    return {language: row[f"{prefix}_{language}"] for language, _name in settings.LANGUAGES}


def _in_words(counted: _Counted, language: str) -> Landscape:
    """The figures counted, in `language` (which is active): labels, names and their order."""
    area_rows = sorted(
        counted.areas.items(), key=lambda item: (-item[1].count, item[1].names[language])
    )
    position = {pk: index for index, pk in enumerate(counted.order_by_name[language])}
    organisations = sorted(counted.organisations, key=lambda body: position.get(body.pk, 0))
    welsh_steps = counted.welsh_steps
    return Landscape(
        total=counted.total,
        by_body_type=[
            Tally(code, str(label), counted.body_types.get(code, 0))
            for code, label in OrganisationType.choices
        ],
        by_phase=[
            Tally(code, str(label), counted.phases.get(code, 0)) for code, label in Phase.choices
        ],
        by_area=[Tally(code, area.names[language], area.count) for code, area in area_rows],
        by_channel=[
            Tally(code, str(label), counted.channels.get(code, 0))
            for code, label in Channel.choices
        ],
        by_welsh=[
            Tally(code, str(label), counted.welsh.get(code, 0))
            for code, label in WelshAvailability.choices
        ],
        coverage=[
            BodyCoverage(
                organisation=organisation,
                services=organisation.service_count,
                with_recent_figures=organisation.recent_count,
                last_updated=organisation.last_updated,
            )
            for organisation in organisations
        ],
        products=counted.products,
        kpis=counted.kpis,
        medians=[
            KpiMedian(
                area_code=code,
                area=area.names[language],
                medians=[counted.medians.get((area.id, kpi.pk)) for kpi in counted.kpis],
                units=[kpi.unit for kpi in counted.kpis],
            )
            for code, area in area_rows
        ],
        recent_since=counted.since,
        transactions=tuple(
            ChannelVolume(
                code,
                str(label),
                counted.transaction_totals[code].quantize(Decimal(1)),
                counted.transaction_services[code],
            )
            for code, label in Channel.choices
            if code in counted.transaction_totals
        ),
        by_welsh_steps=[
            Tally(code, str(label), welsh_steps.get(code, 0))
            for code, label in StepsInWelsh.choices
        ],
        welsh_end_to_end=welsh_steps.get(StepsInWelsh.ALL, 0),
        with_steps=counted.total - welsh_steps.get(StepsInWelsh.UNKNOWN, 0),
    )
