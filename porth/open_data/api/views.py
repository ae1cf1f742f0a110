"""The register's API at /api/v1/: anyone may read; editors write with a personal token.

Writes call `porth.register.actions`, exactly as the register's own pages do, so a change made
through the API is validated the same way and appears in the service's history.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from porth.core.permissions import can_edit
from porth.organisations.models import Organisation, OrganisationType
from porth.register import actions as register
from porth.register.models import (
    Channel,
    Measure,
    MetricValue,
    Phase,
    Service,
    ServiceArea,
    TechnologyCategory,
    TechnologyProduct,
    UserGroupCode,
    WelshAvailability,
)
from porth.register.queries import published_services

from ..columns import services_for_rows
from ..forms import OpenDataFilters
from ..licence import LICENCE, LINK_HEADER
from ..queries import metric_values_for_open_data, services_for_open_data
from .authentication import PersonalTokenAuthentication
from .permissions import ReadAnyoneWriteEditors
from .serializers import (
    MeasureSerializer,
    MetricValueSerializer,
    MetricValueWriteSerializer,
    OrganisationSerializer,
    ServiceAreaSerializer,
    ServiceSerializer,
    ServiceWriteSerializer,
    TechnologyProductSerializer,
)


class OpenDataPagination(PageNumberPagination):
    """?page=2&page_size=100 (at most 500), with the licence in every page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data: list) -> Response:
        return Response(
            {
                "licence": LICENCE,
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["properties"] = {
            "licence": {
                "type": "object",
                "properties": {key: {"type": "string"} for key in LICENCE},
                "example": LICENCE,
            },
            **response["properties"],
        }
        response["required"] = ["licence", "count", "results"]
        return response


class OpenDataSchema(AutoSchema):
    """Describe operations only with the translated text given to `extend_schema`: docstrings
    are English notes for developers and would otherwise appear on the Welsh docs page."""

    def get_description(self) -> str:
        return ""


class OpenDataAPI:
    """What every endpoint shares: token authentication, the permission rule, JSON and the
    browsable API (served from our own static files, so it works under the CSP), and a
    `Link: …; rel="license"` header on every response."""

    authentication_classes = [PersonalTokenAuthentication]
    permission_classes = [ReadAnyoneWriteEditors]
    pagination_class = OpenDataPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    schema = OpenDataSchema()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = LINK_HEADER
        # A 404 must stay a 404, not become a redirect to /en/api/… (see unprefixed_urls).
        request._request.urlconf = "porth.open_data.unprefixed_urls"
        return response


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("A retired service can no longer be changed.")
    default_code = "retired"


@contextlib.contextmanager
def register_rules() -> Iterator[None]:
    """Turn the register's named refusals into API errors (400, or 409 for a retired service)."""
    try:
        yield
    except register.ServiceIsRetired as error:
        raise Conflict from error
    except register.PhaseDateInFuture as error:
        raise exceptions.ValidationError(
            {"phase_from": [_("The date a phase applies from cannot be in the future.")]}
        ) from error
    except register.MeasureNotAvailable as error:
        raise exceptions.ValidationError(
            {"measure": [_("This measure belongs to another organisation.")]}
        ) from error
    except register.InvalidServiceDetails as error:
        raise exceptions.ValidationError({"detail": [str(error)]}) from error
    except DjangoValidationError as error:
        raise exceptions.ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        ) from error


def _open_data_filters(request: Request) -> OpenDataFilters:
    filters = OpenDataFilters(request.query_params)
    if filters.errors:
        raise exceptions.ValidationError(filters.errors)
    return filters


def _multiple(name: str, description: str, enum: list[str] | None = None) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, many=True, explode=True, enum=enum, description=description
    )


SERVICE_FILTERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=_("Words to search for, in either language, or a service ID."),
    ),
    _multiple("organisation", _("Organisation code (slug); services it owns or is a partner in.")),
    _multiple("body_type", _("Type of organisation."), OrganisationType.values),
    _multiple("area", _("Service area code."), None),
    _multiple("phase", _("Phase."), Phase.values),
    _multiple("channel", _("A channel the service offers."), Channel.values),
    _multiple("welsh", _("Availability in Welsh."), WelshAvailability.values),
    _multiple("users", _("Who the service is for."), UserGroupCode.values),
    OpenApiParameter("retired", OpenApiTypes.BOOL, description=_("Include retired services.")),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=["relevance", "name", "updated", "organisation"],
        description=_("Order; by service ID when not given and not searching."),
    ),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description=_("Only what changed on or after this date or time."),
    ),
]

METRIC_FILTERS = [
    _multiple("service", _("Service ID.")),
    _multiple("measure", _("Measure code.")),
    _multiple("period_type", _("Month or quarter."), ["month", "quarter"]),
    OpenApiParameter(
        "period_from", OpenApiTypes.DATE, description=_("Periods starting on or after.")
    ),
    OpenApiParameter(
        "period_to", OpenApiTypes.DATE, description=_("Periods starting on or before.")
    ),
    *SERVICE_FILTERS,
]


@extend_schema_view(
    list=extend_schema(
        summary=_("List services"),
        description=_("Services in the register, filtered with the register list's parameters."),
        parameters=SERVICE_FILTERS,
    ),
    retrieve=extend_schema(summary=_("One service, by its service ID (PS-000123)")),
    create=extend_schema(
        summary=_("Add a service (token needed)"),
        request=ServiceWriteSerializer,
        responses={201: ServiceSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change a service (token needed)"),
        request=ServiceWriteSerializer,
        responses={200: ServiceSerializer},
    ),
)
class ServiceViewSet(OpenDataAPI, viewsets.GenericViewSet):
    """Services in the register, by their stable service ID."""

    serializer_class = ServiceSerializer
    lookup_field = "public_id"
    lookup_value_converter = "str"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Service]:
        if self.action == "list":
            filters = _open_data_filters(self.request)
            services = services_for_open_data(filters.services, updated_since=filters.updated_since)
        else:
            services = published_services(include_retired=True)
        return services_for_rows(services)

    def get_object(self) -> Service:
        service = get_object_or_404(self.get_queryset(), public_id=self.kwargs["public_id"].upper())
        self.check_object_permissions(self.request, service)
        return service

    @staticmethod
    def organisation_of(service: Service) -> Organisation:
        return service.organisation

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ServiceSerializer(page, many=True).data)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return Response(ServiceSerializer(self.get_object()).data)

    def _answer(self, service: Service, status_code: int) -> Response:
        fresh = services_for_rows(published_services(include_retired=True)).get(pk=service.pk)
        location = reverse("api:service-detail", args=[fresh.public_id], request=self.request)
        return Response(
            ServiceSerializer(fresh).data, status=status_code, headers={"Location": location}
        )

    def create(self, request: Request) -> Response:
        # Refuse another body's editor before looking at the rest, so they learn nothing
        # about what would have been accepted.
        data = request.data if isinstance(request.data, dict) else {}
        named = Organisation.objects.filter(slug=str(data.get("organisation", ""))).first()
        if named is not None and not can_edit(request.user, named):
            raise exceptions.PermissionDenied
        serializer = ServiceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        organisation = values["organisation"]
        if not can_edit(request.user, organisation):
            raise exceptions.PermissionDenied
        if values["phase"] == Phase.RETIRED:
            raise exceptions.ValidationError({"phase": [_("A new service cannot be retired.")]})
        with register_rules():
            service = register.create_service(
                organisation=organisation,
                details=_details(register.ServiceDetails, values),
                phase=values["phase"],
                phase_from=values.get("phase_from") or timezone.localdate(),
                created_by=request.user,
            )
        return self._answer(service, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, public_id: str) -> Response:
        service = self.get_object()
        serializer = ServiceWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        moved_to = values.pop("organisation", service.organisation)
        if moved_to != service.organisation:
            raise exceptions.ValidationError(
                {"organisation": [_("A service cannot move to another organisation.")]}
            )
        phase = values.pop("phase", None)
        phase_from = values.pop("phase_from", None) or timezone.localdate()
        with register_rules(), transaction.atomic():
            if values:
                details = register.ServiceDetails.from_service(service)
                service = register.update_service(
                    service=service, details=_details(details, values), changed_by=request.user
                )
            if phase == Phase.RETIRED:
                register.retire_service(
                    service=service, retired_on=phase_from, retired_by=request.user
                )
            elif phase is not None:
                register.record_phase(
                    service=service, phase=phase, applies_from=phase_from, recorded_by=request.user
                )
        return self._answer(service, status.HTTP_200_OK)


DETAIL_FIELDS = {
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "url_en",
    "url_cy",
    "service_area",
    "users_served",
    "partner_organisations",
    "channels",
    "online_steps",
    "team_roles",
    "owner_name",
    "owner_role",
    "owner_email",
    "technology",
}


def _details(base: Any, values: dict[str, Any]) -> "register.ServiceDetails":
    """ServiceDetails from validated API input: a new one (`base` is the class) or the
    service's current details (`base` an instance) with the given fields replaced."""
    given: dict[str, Any] = {}
    for name in DETAIL_FIELDS & set(values):
        value = values[name]
        if name == "channels":
            value = {item["channel"]: item["is_available_in_welsh"] for item in value}
        elif name in {"users_served", "online_steps", "team_roles"}:
            value = sorted(value)
        given[name] = value
    if isinstance(base, type):
        return base(**given)
    for name, value in given.items():
        setattr(base, name, value)
    return base


@extend_schema_view(
    list=extend_schema(
        summary=_("List figures"),
        description=_(
            "Figures reported for services, ordered by service, measure and period. "
            "Takes the register list's parameters to choose the services."
        ),
        parameters=METRIC_FILTERS,
    ),
    retrieve=extend_schema(summary=_("One figure")),
    create=extend_schema(
        summary=_("Record a figure (token needed)"),
        request=MetricValueWriteSerializer,
        responses={201: MetricValueSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change a figure (token needed)"),
        request=MetricValueWriteSerializer,
        responses={200: MetricValueSerializer},
    ),
)
class MetricValueViewSet(OpenDataAPI, viewsets.GenericViewSet):
    """Figures (metric values) reported for services."""

    serializer_class = MetricValueSerializer
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[MetricValue]:
        if self.action == "list":
            values = metric_values_for_open_data(_open_data_filters(self.request).metrics())
        else:
            values = MetricValue.objects.all()
        return values.select_related("service__organisation", "measure__organisation")

    @staticmethod
    def organisation_of(value: MetricValue) -> Organisation:
        return value.service.organisation

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(MetricValueSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(MetricValueSerializer(self.get_object()).data)

    def _record(self, service: Service, measure: Measure, values: dict[str, Any]) -> MetricValue:
        with register_rules():
            return register.record_metric_value(
                service=service,
                measure=measure,
                period_type=values["period_type"],
                period_start=values["period_start"],
                value=values.get("value"),
                not_provided_reason=values.get("not_provided_reason", ""),
                source=values.get("source", ""),
                note=values.get("note", ""),
                recorded_by=self.request.user,
            )

    def create(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        named = (
            Service.objects.select_related("organisation")
            .filter(public_id=str(data.get("service", "")).upper())
            .first()
        )
        if named is not None and not can_edit(request.user, named.organisation):
            raise exceptions.PermissionDenied
        serializer = MetricValueWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        service = values["service"]
        if not can_edit(request.user, service.organisation):
            raise exceptions.PermissionDenied
        measure = (
            Measure.objects.filter(code=values["measure"])
            .filter(Q(organisation__isnull=True) | Q(organisation_id=service.organisation_id))
            .order_by("organisation_id")
            .first()
        )
        if measure is None:
            raise exceptions.ValidationError(
                {"measure": [_("There is no measure with this code.")]}
            )
        figure = self._record(service, measure, values)
        return Response(
            MetricValueSerializer(self.get_queryset().get(pk=figure.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request: Request, pk: int) -> Response:
        figure = self.get_object()
        serializer = MetricValueWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        fixed = {"service", "measure", "period_type", "period_start"} & set(given)
        if fixed:
            raise exceptions.ValidationError(
                {
                    name: [_("This cannot be changed; record a new figure instead.")]
                    for name in fixed
                }
            )
        values = {
            "period_type": figure.period_type,
            "period_start": figure.period_start,
            "value": figure.value,
            "not_provided_reason": figure.not_provided_reason,
            "source": figure.source,
            "note": figure.note,
            **given,
        }
        # A figure replaces a reason and a reason replaces a figure, unless both are sent.
        if given.get("value") is not None and "not_provided_reason" not in given:
            values["not_provided_reason"] = ""
        if given.get("not_provided_reason") and "value" not in given:
            values["value"] = None
        figure = self._record(figure.service, figure.measure, values)
        return Response(MetricValueSerializer(self.get_queryset().get(pk=figure.pk)).data)


class OrganisationFilter(django_filters.FilterSet):
    body_type = django_filters.MultipleChoiceFilter(
        field_name="type", choices=OrganisationType.choices
    )

    class Meta:
        model = Organisation
        fields = ["body_type"]


@extend_schema_view(
    list=extend_schema(summary=_("List organisations")),
    retrieve=extend_schema(summary=_("One organisation, by its code (slug)")),
)
class OrganisationViewSet(OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """Welsh public bodies that own services."""

    queryset = Organisation.objects.order_by("slug")
    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganisationFilter


class ServiceAreaFilter(django_filters.FilterSet):
    class Meta:
        model = ServiceArea
        fields = ["is_active"]


@extend_schema_view(
    list=extend_schema(summary=_("List service areas")),
    retrieve=extend_schema(summary=_("One service area, by its code")),
)
class ServiceAreaViewSet(OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """The controlled list of service areas (housing, planning …)."""

    queryset = ServiceArea.objects.order_by("code")
    serializer_class = ServiceAreaSerializer
    lookup_field = "code"
    lookup_value_converter = "slug"
    filter_backends = [DjangoFilterBackend]
    filterset_class = ServiceAreaFilter


class TechnologyFilter(django_filters.FilterSet):
    category = django_filters.MultipleChoiceFilter(choices=TechnologyCategory.choices)

    class Meta:
        model = TechnologyProduct
        fields = ["category", "hosting", "is_open_source"]


@extend_schema_view(
    list=extend_schema(summary=_("List technology products")),
    retrieve=extend_schema(summary=_("One technology product")),
)
class TechnologyViewSet(OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """The shared technology catalogue, with how many current services and bodies use each."""

    serializer_class = TechnologyProductSerializer
    lookup_value_converter = "int"
    filter_backends = [DjangoFilterBackend]
    filterset_class = TechnologyFilter

    def get_queryset(self) -> QuerySet[TechnologyProduct]:
        in_use = Q(services__is_retired=False)
        return TechnologyProduct.objects.annotate(
            service_count=Count("services", filter=in_use, distinct=True),
            body_count=Count("services__organisation", filter=in_use, distinct=True),
        ).order_by("name", "supplier", "id")


class MeasureFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__slug")

    class Meta:
        model = Measure
        fields = ["is_kpi", "organisation"]


@extend_schema_view(
    list=extend_schema(summary=_("List measures")),
    retrieve=extend_schema(summary=_("One measure")),
)
class MeasureViewSet(OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """What figures measure: the shared KPIs and channels, and bodies' own measures."""

    queryset = Measure.objects.select_related("organisation").order_by("position", "id")
    serializer_class = MeasureSerializer
    lookup_value_converter = "int"
    filter_backends = [DjangoFilterBackend]
    filterset_class = MeasureFilter


class NotFound(OpenDataAPI, APIView):
    """Any other address under /api/v1/: a JSON 404 rather than the site's HTML page."""

    pagination_class = None
    schema = None  # not an endpoint: left out of the OpenAPI schema

    def get(self, request: Request, unknown: str) -> Response:
        # What CommonMiddleware's APPEND_SLASH would have done had this route not caught it.
        with_slash = f"{request.path}/"
        if not unknown.endswith("/") and resolve(with_slash).url_name != "not_found":
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{with_slash}?{query}" if query else with_slash)
        raise exceptions.NotFound

    def post(self, request: Request, unknown: str) -> Response:
        raise exceptions.NotFound

    patch = put = delete = post


class APIRoot(OpenDataAPI, APIView):
    """Where to start: the licence, the documentation and every resource."""

    pagination_class = None
    schema = None  # the schema describes the resources, not this index of them

    def get(self, request: Request) -> Response:
        def link(name: str) -> str:
            return reverse(name, request=request)

        return Response(
            {
                "licence": LICENCE,
                "documentation": link("api:docs"),
                "schema": link("api:schema"),
                "resources": {
                    "services": link("api:service-list"),
                    "metrics": link("api:metric-list"),
                    "organisations": link("api:organisation-list"),
                    "service_areas": link("api:service-area-list"),
                    "technology": link("api:technology-list"),
                    "measures": link("api:measure-list"),
                },
            }
        )
