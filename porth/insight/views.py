"""The centre's view of the audience: counts only, never people."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.permissions import centre_staff_only

from . import queries


@centre_staff_only
def audience(request: HttpRequest) -> HttpResponse:
    """Top pages, the Welsh share and the pages whose Welsh views are low, over 30 days."""
    return render(
        request,
        "insight/audience.html",
        {
            "audience": queries.audience(),
            "low_share": queries.LOW_WELSH_SHARE,
            "min_views": queries.LOW_WELSH_MIN_VIEWS,
        },
    )
