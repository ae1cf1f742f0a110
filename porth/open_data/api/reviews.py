"""Published review reports against the Digital Service Standards, and the statistics across
Wales: read-only, for anyone.

The standards app decides who may read a report (`porth.standards.queries.reports_visible_to`,
the one rule the review page and the service page use too). Open data answers as it would the
public, whoever's token is sent (a token is for writing to the register): `published_reports`
is that rule applied to `THE_PUBLIC`, so a report that is not published yet, and its
recommendations, are never read here. Reports take the public list's parameters (`q`, `standard`,
`outcome`, `phase`, `body_type`, `year`), read by a filter form (`filters.py`, ADR 0009); as
elsewhere in the API a value that makes no sense is answered with 400 rather than ignored, so a
script notices.
"""

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from porth.core.licence import LICENCE
from porth.standards import queries as standards
from porth.standards.models import Review

from ..reports import STANDARD_NUMBERS, StatisticsMeasure, report_row
from .common import OpenDataAPI
from .filters import ReportFilters, StatisticsFilters, parameters, read_filters
from .serializers import CodeSerializer


class ReportServiceSerializer(serializers.Serializer):
    public_id = serializers.CharField()
    name_en = serializers.CharField()
    name_cy = serializers.CharField()


class ReportOrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_en = serializers.CharField()
    name_cy = serializers.CharField()
    gss_code = serializers.CharField()
    type = CodeSerializer()


class StandardOutcomeSerializer(serializers.Serializer):
    standard = serializers.IntegerField()
    outcome = CodeSerializer(allow_null=True)


class RecommendationCountSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    done = serializers.IntegerField()


class ReviewReportSerializer(serializers.Serializer):
    """A published report: who was reviewed, when, the outcome overall and per standard."""

    id = serializers.IntegerField()
    url_en = serializers.URLField(help_text=_("The report's page in English."))
    url_cy = serializers.URLField(help_text=_("The report's page in Welsh."))
    service = ReportServiceSerializer()
    organisation = ReportOrganisationSerializer()
    phase = CodeSerializer()
    review_type = CodeSerializer(allow_null=True)
    review_date = serializers.DateField(allow_null=True)
    published_on = serializers.DateField()
    standards_version = serializers.CharField()
    outcome = CodeSerializer()
    standards = StandardOutcomeSerializer(many=True)
    summary_en = serializers.CharField()
    summary_cy = serializers.CharField()
    recommendations = RecommendationCountSerializer()

    def to_representation(self, record: dict[str, Any]) -> dict[str, Any]:
        row = report_row(record)
        request = self.context["request"]

        def coded(name: str) -> dict[str, str] | None:
            if not row[name]:
                return None
            return {"code": row[name], "name_en": row[f"{name}_en"], "name_cy": row[f"{name}_cy"]}

        def page(language: str) -> str:
            with translation.override(language):
                path = reverse("standards:review_detail", args=[row["id"]])
            return request.build_absolute_uri(path)

        return {
            "id": row["id"],
            "url_en": page("en"),
            "url_cy": page("cy"),
            "service": {
                "public_id": row["service_id"],
                "name_en": row["service_name_en"],
                "name_cy": row["service_name_cy"],
            },
            "organisation": {
                "slug": row["organisation"],
                "name_en": row["organisation_en"],
                "name_cy": row["organisation_cy"],
                "gss_code": row["organisation_gss_code"],
                "type": coded("body_type"),
            },
            "phase": coded("phase"),
            "review_type": coded("review_type"),
            "review_date": row["review_date"],
            "published_on": row["published_on"],
            "standards_version": row["standards_version"],
            "outcome": coded("outcome"),
            "standards": [
                {"standard": number, "outcome": coded(f"standard_{number}")}
                for number in STANDARD_NUMBERS
            ],
            "summary_en": row["summary_en"],
            "summary_cy": row["summary_cy"],
            "recommendations": {
                "total": row["recommendations"],
                "done": row["recommendations_done"],
            },
        }


@extend_schema_view(
    list=extend_schema(
        summary=_("List published review reports"),
        description=_(
            "Reports of peer reviews against the Digital Service Standards that the team has "
            "accepted, newest first, filtered with the public list's parameters."
        ),
        parameters=parameters(ReportFilters),
    ),
    retrieve=extend_schema(summary=_("One published review report, by its number")),
)
class ReviewReportViewSet(OpenDataAPI, viewsets.GenericViewSet):
    """Published review reports; a report not yet published answers 404."""

    serializer_class = ReviewReportSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        filters = (
            read_filters(ReportFilters, self.request.query_params).report_filters()
            if self.action == "list"
            else standards.ReportFilters()
        )
        return standards.published_reports(filters)

    def _records(self, reports: list[Review]) -> list[dict[str, Any]]:
        """Records of these reports, in their order, in a fixed number of queries."""
        chosen = standards.published_reports(standards.ReportFilters()).filter(
            pk__in=[report.pk for report in reports]
        )
        return standards.report_records(chosen)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        serializer = ReviewReportSerializer(
            self._records(page), many=True, context={"request": request}
        )
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, pk: int) -> Response:
        # A number too big for the database cannot be a report.
        too_big = pk > 2**31 - 1
        records = [] if too_big else standards.report_records(self.get_queryset().filter(pk=pk))
        if not records:
            raise exceptions.NotFound
        return Response(ReviewReportSerializer(records[0], context={"request": request}).data)


class StandardCountsSerializer(serializers.Serializer):
    standard = serializers.IntegerField()
    name_en = serializers.CharField()
    name_cy = serializers.CharField()
    green = serializers.IntegerField()
    amber = serializers.IntegerField()
    red = serializers.IntegerField()


class StatisticsFiltersSerializer(serializers.Serializer):
    body_type = serializers.CharField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)


class StandardsStatisticsSerializer(serializers.Serializer):
    """Counts across Wales; never anything from a private self-assessment or report."""

    licence = serializers.DictField(child=serializers.CharField())
    filters = StatisticsFiltersSerializer()
    services = serializers.IntegerField(help_text=StatisticsMeasure.SERVICES.label)
    self_assessed = serializers.IntegerField(help_text=StatisticsMeasure.SELF_ASSESSED.label)
    reviewed = serializers.IntegerField(help_text=StatisticsMeasure.REVIEWED.label)
    reports = serializers.IntegerField(help_text=StatisticsMeasure.REPORTS.label)
    recommendations = RecommendationCountSerializer()
    standards = StandardCountsSerializer(many=True)


class StandardsStatistics(OpenDataAPI, APIView):
    """The figures on the public page of the standards across Wales, as data."""

    pagination_class = None

    @extend_schema(
        summary=_("Statistics of the standards across Wales"),
        description=_(
            "Services self-assessed and reviewed, review outcomes for each standard and "
            "recommendations done, from published reports."
        ),
        parameters=parameters(StatisticsFilters),
        responses=StandardsStatisticsSerializer,
    )
    def get(self, request: Request) -> Response:
        selected = read_filters(StatisticsFilters, request.query_params).selected()
        numbers = standards.wales_statistics(**selected)
        names = numbers["standards"]
        return Response(
            {
                "licence": LICENCE,
                "filters": selected,
                **{
                    key: numbers[key]
                    for key in ("services", "self_assessed", "reviewed", "reports")
                },
                "recommendations": numbers["recommendations"],
                "standards": [
                    {
                        "standard": number,
                        "name_en": names[number].name_en if number in names else "",
                        "name_cy": names[number].name_cy if number in names else "",
                        **counts,
                    }
                    for number, counts in sorted(numbers["per_standard"].items())
                ],
            }
        )
