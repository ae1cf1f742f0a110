"""Dashboards: a body's own picture, and the public picture across Wales."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.charts import StackedBarChart, stacked_bar_chart
from porth.core.licence import LICENCE
from porth.core.permissions import Role, organisation_role, public
from porth.organisations.models import OrganisationType

from .. import queries
from ..models import RAG


def outcome_chart(per_standard: dict[int, dict[str, int]]) -> StackedBarChart:
    """Published reviews for core's stacked bars: each standard's green, amber and red."""
    return stacked_bar_chart(
        [(str(n), per_standard[n]) for n in sorted(per_standard)], list(RAG.values)
    )


def coverage_chart(numbers: dict) -> StackedBarChart:
    """Services self-assessed (row 1) and reviewed (row 2), against all current services."""
    rows = [
        (str(row), {"yes": numbers[key], "no": numbers["services"] - numbers[key]})
        for row, key in ((1, "self_assessed"), (2, "reviewed"))
    ]
    return stacked_bar_chart(rows, ["yes", "no"])


@organisation_role(Role.MEMBER)
def organisation_dashboard(request: HttpRequest, organisation) -> HttpResponse:
    return render(
        request,
        "standards/organisation_dashboard.html",
        {
            "organisation": organisation,
            "rows": queries.organisation_dashboard(organisation, request.user),
            "numbers": list(queries.dashboard.STANDARD_NUMBERS),
        },
    )


@public
def statistics(request: HttpRequest) -> HttpResponse:
    selected = queries.statistics_filters(request.GET)
    numbers = queries.wales_statistics(**selected)
    return render(
        request,
        "standards/statistics.html",
        {
            "numbers": numbers,
            "outcome_chart": outcome_chart(numbers["per_standard"]),
            "coverage_chart": coverage_chart(numbers),
            "body_types": OrganisationType.choices,
            "years": queries.published_report_years(),
            "selected": selected,
            "query": request.GET.urlencode(),
            "licence": LICENCE,
        },
    )
