"""Figures (metric values): read by anyone, recorded by their body's editors with a token."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from porth.organisations.models import Organisation
from porth.register import actions as register
from porth.register.models import (
    Measure,
    MetricValue,
    Service,
)

from ..queries import metric_values_for_open_data
from .common import (
    METRIC_FILTERS,
    OpenDataAPI,
    open_data_filters,
    register_rules,
)
from .permissions import may_write_for
from .serializers import (
    MetricValueSerializer,
    MetricValueWriteSerializer,
)


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
            values = metric_values_for_open_data(open_data_filters(self.request).metrics())
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
        if named is not None and not may_write_for(request, named.organisation):
            raise exceptions.PermissionDenied
        body = Organisation.objects.filter(slug=str(data.get("organisation", ""))).first()
        if body is not None and not may_write_for(request, body):
            raise exceptions.PermissionDenied
        serializer = MetricValueWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        service = values["service"]
        if not may_write_for(request, service.organisation):
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
        fixed = {
            "service", "organisation", "reference", "measure", "period_type", "period_start"
        } & set(given)  # fmt: skip
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
