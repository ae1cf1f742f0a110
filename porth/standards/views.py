"""Pages of the standards app: the standards, the manual's feedback and self-assessments."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.permissions import public

from . import queries


@public
def standard_list(request: HttpRequest) -> HttpResponse:
    standard_set = queries.current_standard_set()
    groups = queries.groups_with_standards(standard_set) if standard_set else []
    return render(
        request, "standards/standard_list.html", {"standard_set": standard_set, "groups": groups}
    )


@public
def standard_detail(request: HttpRequest, number: int) -> HttpResponse:
    standard = queries.current_standard(number)
    if standard is None:
        raise Http404
    return render(
        request,
        "standards/standard_detail.html",
        {"standard": standard, "criteria_by_phase": queries.criteria_by_phase(standard)},
    )
