"""The read-only lists services point at: organisations, service areas, technology, measures.
Each list reads its parameters with a filter form (`filters.py`, ADR 0009)."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from porth.organisations.models import Organisation
from porth.register.models import Measure, ServiceArea, TechnologyProduct

from .common import OpenDataAPI
from .filters import (
    MeasureFilters,
    OrganisationFilters,
    ServiceAreaFilters,
    TechnologyFilters,
    parameters,
    read_filters,
)
from .serializers import (
    MeasureSerializer,
    OrganisationSerializer,
    ServiceAreaSerializer,
    TechnologyProductSerializer,
)


class FilteredByForm:
    """A list narrowed by its `filter_form`; one item is found whatever the parameters."""

    filter_form: type

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action != "list":
            return queryset
        return read_filters(self.filter_form, self.request.query_params).apply(queryset)


@extend_schema_view(
    list=extend_schema(summary=_("List organisations"), parameters=parameters(OrganisationFilters)),
    retrieve=extend_schema(summary=_("One organisation, by its code (slug)")),
)
class OrganisationViewSet(FilteredByForm, OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """Welsh public bodies that own services."""

    queryset = Organisation.objects.order_by("slug")
    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"
    filter_form = OrganisationFilters


@extend_schema_view(
    list=extend_schema(summary=_("List service areas"), parameters=parameters(ServiceAreaFilters)),
    retrieve=extend_schema(summary=_("One service area, by its code")),
)
class ServiceAreaViewSet(FilteredByForm, OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """The controlled list of service areas (housing, planning …)."""

    queryset = ServiceArea.objects.order_by("code")
    serializer_class = ServiceAreaSerializer
    lookup_field = "code"
    lookup_value_converter = "slug"
    filter_form = ServiceAreaFilters


@extend_schema_view(
    list=extend_schema(
        summary=_("List technology products"), parameters=parameters(TechnologyFilters)
    ),
    retrieve=extend_schema(summary=_("One technology product")),
)
class TechnologyViewSet(FilteredByForm, OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """The shared technology catalogue, with how many current services and bodies use each."""

    serializer_class = TechnologyProductSerializer
    lookup_value_converter = "int"
    filter_form = TechnologyFilters

    def get_queryset(self) -> QuerySet[TechnologyProduct]:
        in_use = Q(services__is_retired=False)
        return TechnologyProduct.objects.annotate(
            service_count=Count("services", filter=in_use, distinct=True),
            body_count=Count("services__organisation", filter=in_use, distinct=True),
        ).order_by("name", "supplier", "id")


@extend_schema_view(
    list=extend_schema(summary=_("List measures"), parameters=parameters(MeasureFilters)),
    retrieve=extend_schema(summary=_("One measure")),
)
class MeasureViewSet(FilteredByForm, OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """What figures measure: the shared KPIs and channels, and bodies' own measures."""

    queryset = Measure.objects.select_related("organisation").order_by("position", "id")
    serializer_class = MeasureSerializer
    lookup_value_converter = "int"
    filter_form = MeasureFilters
