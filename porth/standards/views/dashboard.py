"""Dashboards: a body's own picture, and the public picture across Wales."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.licence import LICENCE
from porth.core.permissions import Role, organisation_role, public
from porth.organisations.models import OrganisationType

from .. import queries
from ..charts import coverage_chart, outcome_chart


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
