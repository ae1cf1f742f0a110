"""What a row of the open data says: the columns of the service and metric downloads.

The columns themselves are declared by the register (`porth.register.description`), which
describes a service once for every door; this module turns records into rows for them.

Downloads, snapshots and the "what changed" view all use these rows, so a column means the
same everywhere. Every column that has a language comes in both (`name_en`, `name_cy`, and the
English and Welsh labels of each code), whatever language the reader is using; codes are kept
beside their labels so programs can rely on them when labels are reworded. The service owner's
contact details are never included: only members of the body may see them.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import F, Lookup, Prefetch, Q, QuerySet
from django.utils import translation

from porth.organisations.models import Organisation, OrganisationType
from porth.register.description import (
    FIELDS_BY_NAME,
    METRIC_COLUMNS,
    SERVICE_COLUMNS,
    SIMPLE_FIELDS,
    Column,
)
from porth.register.models import (
    MetricValue,
    Phase,
    Service,
    ServiceChannel,
    StepsInWelsh,
    TechnologyProduct,
    UserGroupCode,
    WelshAvailability,
)

__all__ = ["METRIC_COLUMNS", "SERVICE_COLUMNS", "Column", "metric_rows", "service_rows"]

LANGUAGES = ("en", "cy")
# The service details every download shows as they are stored: declared once, in the register.
PUBLIC_TEXT_FIELDS = [declared.name for declared in SIMPLE_FIELDS if declared.public]
CHANNELS = FIELDS_BY_NAME["channels"].structure
STEPS = FIELDS_BY_NAME["steps"].structure
USER_GROUP_CODES = list(UserGroupCode.values)


@cache
def _labels(choices: type) -> dict[str, tuple[str, str]]:
    """Each code's label in English and Welsh, worked out once per process."""
    result = {}
    for code, label in choices.choices:
        names = []
        for language in LANGUAGES:
            with translation.override(language):
                names.append(str(label))
        result[code] = (names[0], names[1])
    return result


def bilingual(choices: type, code: str, language: str) -> str:
    pair = _labels(choices).get(code)
    if pair is None:
        return ""
    return pair[LANGUAGES.index(language)]


def services_for_rows(services: QuerySet[Service]) -> QuerySet[Service]:
    """`services` with everything a row needs joined or prefetched, in a fixed number of
    queries per chunk when read with `.iterator(chunk_size=…)`."""
    return services.select_related("organisation", "service_area").prefetch_related(
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by("slug")),
        "users_served",
        Prefetch("channels", queryset=ServiceChannel.objects.order_by("id")),
        "technology",
    )


def _codes(codes: Iterable[str], order: list[str]) -> list[str]:
    chosen = set(codes)
    return [code for code in order if code in chosen]


def _service_row(
    service: dict[str, Any],
    *,
    partners: list[str],
    users: list[str],
    channels: dict[str, bool],
    technology: list[str],
) -> dict[str, Any]:
    """One service as plain data (str, list, bool, ISO dates), ready for any format, from its
    values (`ROW_FIELDS`)."""
    users = _codes(users, USER_GROUP_CODES)
    body_type = service["organisation__type"]
    return {
        "public_id": service["public_id"],
        **{name: service[name] for name in PUBLIC_TEXT_FIELDS},
        "organisation": service["organisation__slug"],
        "organisation_en": service["organisation__name_en"],
        "organisation_cy": service["organisation__name_cy"],
        "body_type": body_type,
        "body_type_en": bilingual(OrganisationType, body_type, "en"),
        "body_type_cy": bilingual(OrganisationType, body_type, "cy"),
        "partner_organisations": sorted(partners),
        "service_area": service["service_area__code"],
        "service_area_en": service["service_area__name_en"],
        "service_area_cy": service["service_area__name_cy"],
        "users_served": users,
        "users_served_en": [bilingual(UserGroupCode, code, "en") for code in users],
        "users_served_cy": [bilingual(UserGroupCode, code, "cy") for code in users],
        "phase": service["phase"],
        "phase_en": bilingual(Phase, service["phase"], "en"),
        "phase_cy": bilingual(Phase, service["phase"], "cy"),
        "phase_since": _iso(service["phase_since"]),
        # The declared structure writes its own columns, as an import reads them back.
        **CHANNELS.cells(channels),
        "welsh_availability": service["welsh_availability"],
        "welsh_availability_en": bilingual(WelshAvailability, service["welsh_availability"], "en"),
        "welsh_availability_cy": bilingual(WelshAvailability, service["welsh_availability"], "cy"),
        **STEPS.cells(service["steps"]),
        "steps_in_welsh": service["steps_in_welsh"],
        "steps_in_welsh_en": bilingual(StepsInWelsh, service["steps_in_welsh"], "en"),
        "steps_in_welsh_cy": bilingual(StepsInWelsh, service["steps_in_welsh"], "cy"),
        "team_roles": list(service["team_roles"]),
        "technology": sorted(technology),
        "last_reviewed_on": _iso(service["last_reviewed_on"]),
        "latest_metric_period": _iso(service["latest_metric_period"]),
        "is_retired": service["is_retired"],
        "retired_on": _iso(service["retired_on"]),
        "updated_at": _iso(service["updated_at"]),
    }


EXPORT_CHUNK = 2000
# What a row shows of a service, its body and its area, read as values: not the search texts
# (as wide as the descriptions they come from), the owner's details or the bookkeeping.
ROW_FIELDS = (
    "pk",
    "public_id",
    *PUBLIC_TEXT_FIELDS,
    "organisation__slug",
    "organisation__name_en",
    "organisation__name_cy",
    "organisation__type",
    "service_area__code",
    "service_area__name_en",
    "service_area__name_cy",
    "phase",
    "phase_since",
    "welsh_availability",
    "steps",
    "steps_in_welsh",
    "team_roles",
    "last_reviewed_on",
    "latest_metric_period",
    "is_retired",
    "retired_on",
    "updated_at",
)


def service_rows(services: QuerySet[Service]) -> Iterator[dict[str, Any]]:
    """Rows for every service in `services`, read from the database a chunk at a time.

    Each chunk of `EXPORT_CHUNK` services is read as plain values (`ROW_FIELDS`, their body
    and area joined), not model instances; their partners, user groups, channels and
    technology come as plain values too, in one query each (`_related_values`): four queries
    a chunk whatever its size. Model instances (a service, its body and its area for each
    row, and the related rows' instances and managers) cost more than the rows themselves
    (ADRs 0062 and 0063).
    """
    chosen = (
        services.select_related(None)
        .prefetch_related(None)
        .values(*ROW_FIELDS)
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    while chunk := list(itertools.islice(chosen, EXPORT_CHUNK)):
        related = _related_values([service["pk"] for service in chunk])
        for service in chunk:
            pk = service["pk"]
            yield _service_row(
                service,
                partners=related.partners.get(pk, []),
                users=related.users.get(pk, []),
                channels=related.channels.get(pk, {}),
                technology=related.technology.get(pk, []),
            )


@dataclass
class _Related:
    partners: dict[int, list[str]]
    users: dict[int, list[str]]
    channels: dict[int, dict[str, bool]]
    technology: dict[int, list[str]]


class _AnyOf(Lookup):
    """`column = ANY(%s)`, the values as one PostgreSQL array parameter."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


def _of_services(ids: list[int]) -> Q | _AnyOf:
    """Rows whose `service_id` is one of `ids`. On PostgreSQL, as one array parameter: an
    `IN` of 2,000 placeholders cost more to build, send and parse than the rows it finds
    (ADR 0063)."""
    if connection.vendor == "postgresql":
        return _AnyOf(F("service_id"), ids)
    return Q(service_id__in=ids)


def _related_values(ids: list[int]) -> _Related:
    """The partners' slugs, user groups' codes, channels and products of the services `ids`,
    by service, in four queries."""
    chosen = _of_services(ids)
    partners: dict[int, list[str]] = defaultdict(list)
    for service_id, slug in Service.partner_organisations.through.objects.filter(
        chosen
    ).values_list("service_id", "organisation__slug"):
        partners[service_id].append(slug)
    users: dict[int, list[str]] = defaultdict(list)
    for service_id, code in Service.users_served.through.objects.filter(chosen).values_list(
        "service_id", "usergroup__code"
    ):
        users[service_id].append(code)
    channels: dict[int, dict[str, bool]] = defaultdict(dict)
    for service_id, channel, in_welsh in (
        ServiceChannel.objects.filter(chosen)
        .order_by("id")
        .values_list("service_id", "channel", "is_available_in_welsh")
    ):
        channels[service_id][channel] = in_welsh
    technology: dict[int, list[str]] = defaultdict(list)
    for service_id, name, supplier in Service.technology.through.objects.filter(chosen).values_list(
        "service_id", "technologyproduct__name", "technologyproduct__supplier"
    ):
        # The product's own wording ("name (supplier)"), without building an instance.
        technology[service_id].append(TechnologyProduct.label_of(name, supplier))
    return _Related(partners=partners, users=users, channels=channels, technology=technology)


@dataclass
class RelatedValues:
    """A service's partners, user groups, channels and products as plain values, in the order
    the API gives them (`with_related_values`)."""

    partners: list[dict[str, str]]
    """`slug`, `name_en` and `name_cy` of each, by slug."""
    users: set[str]
    channels: list[tuple[str, bool]]
    """(channel, available in Welsh), in the order they were added."""
    technology: list[dict[str, Any]]
    """`id`, `name` and `supplier` of each, by name and supplier."""


def with_related_values(services: list[Service]) -> list[Service]:
    """`services`, each with its `related_values`, read in four queries as plain values: for
    a page of the API, model instances and managers for every partner, group, channel and
    product cost more than the services themselves (ADR 0063)."""
    ids = [service.pk for service in services]
    chosen = _of_services(ids)
    partners: dict[int, list[dict[str, str]]] = defaultdict(list)
    for service_id, slug, name_en, name_cy in (
        Service.partner_organisations.through.objects.filter(chosen)
        .order_by("organisation__slug")
        .values_list(
            "service_id", "organisation__slug", "organisation__name_en", "organisation__name_cy"
        )
    ):
        partners[service_id].append({"slug": slug, "name_en": name_en, "name_cy": name_cy})
    users: dict[int, set[str]] = defaultdict(set)
    for service_id, code in Service.users_served.through.objects.filter(chosen).values_list(
        "service_id", "usergroup__code"
    ):
        users[service_id].add(code)
    channels: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for service_id, channel, in_welsh in (
        ServiceChannel.objects.filter(chosen)
        .order_by("id")
        .values_list("service_id", "channel", "is_available_in_welsh")
    ):
        channels[service_id].append((channel, in_welsh))
    technology: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for service_id, pk, name, supplier in (
        Service.technology.through.objects.filter(chosen)
        .order_by("technologyproduct__name", "technologyproduct__supplier")
        .values_list(
            "service_id",
            "technologyproduct_id",
            "technologyproduct__name",
            "technologyproduct__supplier",
        )
    ):
        technology[service_id].append({"id": pk, "name": name, "supplier": supplier})
    for service in services:
        service.related_values = RelatedValues(  # type: ignore[attr-defined]
            partners=partners.get(service.pk, []),
            users=users.get(service.pk, set()),
            channels=channels.get(service.pk, []),
            technology=technology.get(service.pk, []),
        )
    return services


# Metric rows are read as tuples, not model instances: a million instances would take minutes.
METRIC_FIELDS = (
    "service__public_id",
    "service__reference",
    "service__name_en",
    "service__name_cy",
    "service__organisation__slug",
    "service__organisation__name_en",
    "service__organisation__name_cy",
    "measure__code",
    "measure__name_en",
    "measure__name_cy",
    "unit",
    "period_type",
    "period_start",
    "period_end",
    "value",
    "not_provided_reason",
    "source",
    "note",
    "updated_at",
)


def metric_rows(values: QuerySet[MetricValue]) -> Iterator[dict[str, Any]]:
    """Rows for every figure in `values`, in one streamed query."""
    for (
        service,
        reference,
        service_name_en,
        service_name_cy,
        organisation,
        organisation_en,
        organisation_cy,
        measure,
        measure_en,
        measure_cy,
        unit,
        period_type,
        period_start,
        period_end,
        value,
        reason,
        source,
        note,
        updated_at,
    ) in values.values_list(*METRIC_FIELDS).iterator(chunk_size=EXPORT_CHUNK * 5):
        yield {
            "service": service,
            "reference": reference,
            "service_name_en": service_name_en,
            "service_name_cy": service_name_cy,
            "organisation": organisation,
            "organisation_en": organisation_en,
            "organisation_cy": organisation_cy,
            "measure": measure,
            "measure_en": measure_en,
            "measure_cy": measure_cy,
            "unit": unit,
            "period_type": period_type,
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "value": None if value is None else str(value),
            "not_provided_reason": reason,
            "source": source,
            "note": note,
            "updated_at": updated_at.isoformat(),
        }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
