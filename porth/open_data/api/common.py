"""What every endpoint of /api/v1/ shares: pagination, the licence, errors and filters.

Writes call `porth.register.actions`, exactly as the register's own pages do, so a change made
through the API is validated the same way and appears in the service's history.
"""

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from porth.core.inputs import UNREADABLE_INPUT, unreadable_value
from porth.core.licence import LICENCE, LINK_HEADER
from porth.organisations.models import OrganisationType
from porth.register import actions as register
from porth.register.models import (
    Channel,
    Phase,
    UserGroupCode,
    WelshAvailability,
)

from ..forms import OpenDataFilters
from .authentication import PersonalTokenAuthentication
from .conventions import AnonymousThrottle, add_caching, add_cors_headers
from .permissions import ReadAnyoneWriteEditors


class _CountedPaginator(DjangoPaginator):
    """Django's paginator, counting with a given function (a count kept in the cache), and
    reading a page's ids before its records (ADR 0072).

    An offset makes the database walk every row before the page. Reading only the ids lets it
    walk an index of them alone (`register_service_live`, for the whole live register), then
    fetch the page's records by their keys: at 100,000 services, page 169 of the API took
    17 ms of PostgreSQL read whole, and under 2 ms this way.

    With `shown`, the page's service IDs are read with the ids (the index covers them) and
    given to `shown` before the records are read: the page cache keeps the page until one of
    them changes, not until any service does (ADR 0073)."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        count_with: Callable[[Any], int],
        shown: Callable[[list[str]], None] | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.count_with = count_with
        self.shown = shown

    @cached_property
    def count(self) -> int:
        return self.count_with(self.object_list)

    def _get_page(self, object_list: Any, number: int, paginator: Any) -> Any:
        """Django's `page()` slices the list for the page; read that slice's ids alone."""
        if self.shown is None:
            ids = list(object_list.values_list("pk", flat=True))
        else:
            rows = list(object_list.values_list("pk", "public_id"))
            ids = [pk for pk, _ in rows]
            self.shown([public_id for _, public_id in rows])
        return super()._get_page(self.object_list.filter(pk__in=ids), number, paginator)


class OpenDataPagination(PageNumberPagination):
    """?page=2&page_size=100 (at most 500), with the licence in every page.

    A view may set `count_with` before paginating, to count its list another way than
    `count()` (the whole register's services, ADR 0071), and `shown`, to be told which
    services a page shows before they are read (ADR 0073)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    count_with: Callable[[Any], int] | None = None
    shown: Callable[[list[str]], None] | None = None

    def paginate_queryset(self, queryset, request, view=None):
        if self.count_with is not None:
            self.django_paginator_class = functools.partial(
                _CountedPaginator, count_with=self.count_with, shown=self.shown
            )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: list) -> Response:
        return Response(
            {
                "licence": LICENCE,
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["properties"] = {
            "licence": {
                "type": "object",
                "properties": {key: {"type": "string"} for key in LICENCE},
                "example": LICENCE,
            },
            **response["properties"],
        }
        response["required"] = ["licence", "count", "results"]
        return response


# What an error answer carries: DRF's {"detail": "…"}, or a list of messages per field (a
# nested field, such as one of a service's channels, nests its messages the same way).
ERROR_SCHEMA = {"type": "object"}
ERRORS = {
    "400": _("The request is not valid: the answer names each problem."),
    "401": _(
        "The token sent is not valid, has expired or has been revoked, or a write was sent "
        "without a token."
    ),
    "403": _(
        "The token can only read, was not made for this organisation, or its owner may not "
        "change this organisation's services."
    ),
    "404": _("There is nothing at this address, or no such page of results."),
    "409": _("A retired service can no longer be changed."),
}


class OpenDataSchema(AutoSchema):
    """Describe operations only with the translated text given to `extend_schema`: docstrings
    are English notes for developers and would otherwise appear on the Welsh docs page.

    Every error an operation can answer is documented too, so a client (and schemathesis, which
    checks each status code against the schema) knows a 400 or a 404 is part of the contract."""

    def get_description(self) -> str:
        return ""

    def get_auth(self) -> list[dict]:
        # Reading needs no token (a token, if sent, must be valid): the empty requirement says so.
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _error_codes(self) -> list[str]:
        # Any request may carry a token, and a bad one is refused with 401 even for a read.
        codes = ["401"]
        if self.method == "GET":
            # A list answers 400 to a filter it cannot read and 404 to a page beyond the last;
            # one item answers 404 when there is no such item; any read that takes filters in
            # its query (the statistics, say) answers 400 to one it cannot read.
            codes += ["400", "404"] if self._is_list_view() or self._takes_query() else ["404"]
        else:
            codes += ["400", "403", "409"]
            if self.method == "PATCH" or "{" in self.path:
                codes += ["404"]
        return sorted(codes)

    def _takes_query(self) -> bool:
        return any(parameter["in"] == "query" for parameter in self._get_parameters())

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(
                code,
                {
                    "description": str(ERRORS[code]),
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            )
        return responses


class ReadableJSONParser(JSONParser):
    """JSON whose text Porth can store: a NUL ("\\u0000") or a lone surrogate ("\\ud800") anywhere
    is refused with 400, as the middleware refuses them in a query string or a form."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if unreadable_value(data):
            raise exceptions.ParseError(UNREADABLE_INPUT)
        return data


class OpenDataAPI:
    """What every endpoint shares: token authentication, the permission rule, JSON and the
    browsable API (served from our own static files, so it works under the CSP), a
    `Link: …; rel="license"` header on every response, and the web's conventions for an open
    API: CORS for reads, ETags and caching, a rate limit for anonymous use (`conventions`)."""

    authentication_classes = [PersonalTokenAuthentication]
    permission_classes = [ReadAnyoneWriteEditors]
    pagination_class = OpenDataPagination
    parser_classes = [ReadableJSONParser, FormParser, MultiPartParser]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    schema = OpenDataSchema()
    throttle_classes = [AnonymousThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = LINK_HEADER
        add_cors_headers(request, response)
        if hasattr(response, "add_post_render_callback"):
            django_request = request._request
            response.add_post_render_callback(
                lambda rendered: add_caching(django_request, rendered)
            )
        # A 404 must stay a 404, not become a redirect to /en/api/… (see unprefixed_urls).
        request._request.urlconf = "porth.open_data.unprefixed_urls"
        return response


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("A retired service can no longer be changed.")
    default_code = "retired"


@contextlib.contextmanager
def register_rules() -> Iterator[None]:
    """Turn the register's named refusals into API errors (400, or 409 for a retired service)."""
    try:
        yield
    except register.ServiceIsRetired as error:
        raise Conflict from error
    except register.PhaseDateInFuture as error:
        raise exceptions.ValidationError(
            {"phase_from": [_("The date a phase applies from cannot be in the future.")]}
        ) from error
    except register.MeasureNotAvailable as error:
        raise exceptions.ValidationError(
            {"measure": [_("This measure belongs to another organisation.")]}
        ) from error
    except register.InvalidServiceDetails as error:
        raise exceptions.ValidationError({"detail": [str(error)]}) from error
    except DjangoValidationError as error:
        raise exceptions.ValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        ) from error


def open_data_filters(request: Request) -> OpenDataFilters:
    filters = OpenDataFilters(request.query_params)
    if filters.errors:
        raise exceptions.ValidationError(filters.errors)
    return filters


def _multiple(name: str, description: str, enum: list[str] | None = None) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, many=True, explode=True, enum=enum, description=description
    )


SERVICE_FILTERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=_("Words to search for, in either language, or a service ID."),
    ),
    _multiple("organisation", _("Organisation code (slug); services it owns or is a partner in.")),
    _multiple("body_type", _("Type of organisation."), OrganisationType.values),
    _multiple("area", _("Service area code."), None),
    _multiple("phase", _("Phase."), Phase.values),
    _multiple("channel", _("A channel the service offers."), Channel.values),
    _multiple("welsh", _("Availability in Welsh."), WelshAvailability.values),
    _multiple("users", _("Who the service is for."), UserGroupCode.values),
    OpenApiParameter("retired", OpenApiTypes.BOOL, description=_("Include retired services.")),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=["relevance", "name", "updated", "organisation"],
        description=_("Order; by service ID when not given and not searching."),
    ),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description=_("Only what changed on or after this date or time."),
    ),
]

METRIC_FILTERS = [
    _multiple("service", _("Service ID.")),
    _multiple("measure", _("Measure code.")),
    _multiple(
        "period_type",
        _("Month, quarter, financial year or calendar year."),
        ["month", "quarter", "financial_year", "calendar_year"],
    ),
    OpenApiParameter(
        "period_from", OpenApiTypes.DATE, description=_("Periods starting on or after.")
    ),
    OpenApiParameter(
        "period_to", OpenApiTypes.DATE, description=_("Periods starting on or before.")
    ),
    *SERVICE_FILTERS,
]
