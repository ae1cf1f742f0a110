"""The read-only lists services point at: organisations, service areas, technology, measures."""

import django_filters
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from porth.organisations.models import Organisation, OrganisationType
from porth.register.models import (
    Measure,
    ServiceArea,
    TechnologyCategory,
    TechnologyProduct,
)

from .common import (
    OpenDataAPI,
)
from .serializers import (
    MeasureSerializer,
    OrganisationSerializer,
    ServiceAreaSerializer,
    TechnologyProductSerializer,
)


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
