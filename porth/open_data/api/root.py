"""The API's front door, and a JSON 404 for every address it does not have."""

from django.http import HttpResponsePermanentRedirect
from django.urls import resolve
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from porth.core.licence import LICENCE

from .common import (
    OpenDataAPI,
)


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
                    "review_reports": link("api:review-report-list"),
                    "standards_statistics": link("api:standards-statistics"),
                    "learning_sessions": link("api:learning-session-list"),
                },
            }
        )
