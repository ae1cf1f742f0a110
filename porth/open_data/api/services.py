"""Services: read by anyone, added and changed by their body's editors with a token."""

import functools
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from porth.core.pagecache import shows_listed_parts, shows_parts
from porth.organisations.models import Organisation
from porth.register import actions as register
from porth.register.description import SERVICE_FIELDS
from porth.register.models import (
    Phase,
    Service,
)
from porth.register.queries import live_service_count, published_services
from porth.register.signals import PAGE_TOPIC as REGISTER_TOPIC
from porth.register.signals import service_part

from ..columns import services_for_rows, with_related_values
from ..queries import selects_every_live_service, services_for_open_data
from .common import (
    SERVICE_FILTERS,
    OpenDataAPI,
    open_data_filters,
    register_rules,
)
from .permissions import may_write_for
from .serializers import (
    ServiceSerializer,
    ServiceWriteSerializer,
)


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
        """For reading, the services with their body and area; the rest of what a service
        says is read for the page as values (`with_related_values`). For writing, prefetched."""
        if self.action == "list":
            return self._listed(open_data_filters(self.request))
        services = published_services(include_retired=True)
        return services if self.action == "retrieve" else services_for_rows(services)

    @staticmethod
    def _listed(filters: Any) -> QuerySet[Service]:
        return services_for_open_data(filters.services, updated_since=filters.updated_since)

    def get_object(self) -> Service:
        service = get_object_or_404(self.get_queryset(), public_id=self.kwargs["public_id"].upper())
        self.check_object_permissions(self.request, service)
        return service

    @staticmethod
    def organisation_of(service: Service) -> Organisation:
        return service.organisation

    def list(self, request: Request) -> Response:
        filters = open_data_filters(request)
        if selects_every_live_service(filters.services, updated_since=filters.updated_since):
            self.paginator.count_with = live_service_count
            if not filters.services.sort:  # oldest first: only adding or retiring moves them
                self.paginator.shown = functools.partial(_shown, request)
        page = with_related_values(list(self.paginate_queryset(self._listed(filters))))
        return self.get_paginated_response(
            ServiceSerializer(page, many=True, context={"request": request}).data
        )

    # One service shows nothing of the others, so the page cache keeps it while they change
    # (ADR 0071), as it keeps the service's page (ADR 0070). No docstring: drf-spectacular
    # would put it, in English only, in the schema.
    @method_decorator(
        shows_parts(REGISTER_TOPIC, lambda request, public_id: [service_part(public_id)])
    )
    def retrieve(self, request: Request, public_id: str) -> Response:
        (service,) = with_related_values([self.get_object()])
        return Response(ServiceSerializer(service, context={"request": request}).data)

    def _answer(self, service: Service, status_code: int) -> Response:
        fresh = services_for_rows(published_services(include_retired=True)).get(pk=service.pk)
        location = reverse("api:service-detail", args=[fresh.public_id], request=self.request)
        return Response(
            ServiceSerializer(fresh, context={"request": self.request}).data,
            status=status_code,
            headers={"Location": location},
        )

    def create(self, request: Request) -> Response:
        # Refuse another body's editor before looking at the rest, so they learn nothing
        # about what would have been accepted.
        data = request.data if isinstance(request.data, dict) else {}
        named = Organisation.objects.filter(slug=str(data.get("organisation", ""))).first()
        if named is not None and not may_write_for(request, named):
            raise exceptions.PermissionDenied
        serializer = ServiceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        organisation = values["organisation"]
        if not may_write_for(request, organisation):
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
        serializer = ServiceWriteSerializer(
            data=request.data,
            partial=True,
            context={"organisation": service.organisation, "service": service},
        )
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


# Every detail of the register's description of a service the API may write.
DETAIL_FIELDS = {declared.name for declared in SERVICE_FIELDS}


def _shown(request: Request, public_ids: list[str]) -> None:
    """A page of every live service, oldest first, is kept until one of the services it
    shows changes, or the register's lists do (ADR 0073)."""
    shows_listed_parts(request, REGISTER_TOPIC, [service_part(p) for p in public_ids])


def _details(base: Any, values: dict[str, Any]) -> "register.ServiceDetails":
    """ServiceDetails from validated API input: a new one (`base` is the class) or the
    service's current details (`base` an instance) with the given fields replaced. The
    serializer has already read each structured field as the description says."""
    given = {name: values[name] for name in DETAIL_FIELDS & set(values)}
    if isinstance(base, type):
        return base(**given)
    for name, value in given.items():
        setattr(base, name, value)
    return base
