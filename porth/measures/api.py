"""The measures in /api/v1/success-measures/: every public measure, its latest value and its
monthly history, under the same licence as the rest of the open data. Read-only, for anyone.

Mounted by one line in `porth/open_data/api_urls.py`; the measures app imports nothing from
open data. Filters are the dashboard's (`body_type`, `region`); a figure, or a line of a
breakdown, from fewer than 5 records under a filter is left empty with `suppressed: true`.
"""

import csv
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from porth.core.licence import LICENCE, LINK_HEADER
from porth.core.measures import Reading

from . import queries
from .downloads import both, csv_rows, xlsx_bytes
from .forms import FilterForm
from .queries import STATUS_TEXT, Tile
from .scopes import Filters

FILTERS = [
    OpenApiParameter("body_type", OpenApiTypes.STR, description=_("A type of organisation.")),
    OpenApiParameter("region", OpenApiTypes.STR, description=_("A region of Wales.")),
]


def _filters(request: Request) -> Filters:
    form = FilterForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(
            {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        )
    return form.filters()


def _reading(reading: Reading | None, suppressed: bool, filters: Filters) -> dict[str, Any]:
    if reading is None or suppressed:
        return {"available": reading is not None, "suppressed": suppressed, "value": None}
    return {
        "available": True,
        "suppressed": False,
        "value": reading.value,
        "counted": reading.counted,
        "total": reading.total,
        "parts": [
            {
                "key": p.key,
                "label_en": p.label_en,
                "label_cy": p.label_cy,
                "value": p.value,
                "counted": p.counted,
                "total": p.total,
                "suppressed": p.suppressed,
            }
            for p in queries.shown_parts(reading, filters)
        ],
    }


def represent(tile: Tile) -> dict[str, Any]:
    measure = tile.measure
    status_en, _slash, status_cy = both(STATUS_TEXT[tile.status]).partition(" / ")
    return {
        "key": measure.key,
        "source": measure.source,
        "name_en": measure.name_en,
        "name_cy": measure.name_cy,
        "definition_en": measure.definition_en,
        "definition_cy": measure.definition_cy,
        "unit": measure.unit.value,
        "direction": measure.direction.value,
        "declared_available": measure.is_available,
        "unavailable_reason_en": measure.unavailable_en,
        "unavailable_reason_cy": measure.unavailable_cy,
        "target": None if tile.target is None else float(tile.target),
        "status": tile.status,
        "status_en": status_en,
        "status_cy": status_cy or status_en,
        "coverage_en": "" if tile.suppressed else measure.coverage_text(tile.reading, "en"),
        "coverage_cy": "" if tile.suppressed else measure.coverage_text(tile.reading, "cy"),
        "updated_at": tile.updated_at,
        "latest": _reading(tile.reading, tile.suppressed, tile.filters),
        "history": [
            {"as_at": point.on, **_reading(point.reading, point.suppressed, tile.filters)}
            for point in tile.history
        ],
    }


class MeasuresAPI(APIView):
    """Read-only and open: no authentication, JSON only."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = LINK_HEADER
        # A 404 must stay a 404, not become a redirect to /en/api/…: the open API's own answer
        # to LocaleMiddleware, named by string so this app does not import open_data.
        request._request.urlconf = "porth.open_data.unprefixed_urls"
        return response


class MeasureList(MeasuresAPI):
    @extend_schema(
        operation_id="success_measures_list",
        summary=_("List the success measures"),
        description=_(
            "Every public success measure: its definition, target, latest value and monthly "
            "history."
        ),
        parameters=FILTERS,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        tiles = queries.tiles(public_only=True, filters=_filters(request))
        return Response({"licence": LICENCE, "results": [represent(tile) for tile in tiles]})


class MeasureDetail(MeasuresAPI):
    @extend_schema(
        operation_id="success_measures_detail",
        summary=_("One success measure, by its key"),
        parameters=FILTERS,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, key: str) -> Response:
        tile = queries.tile(key=key, public_only=True, filters=_filters(request))
        if tile is None:
            raise NotFound
        return Response({"licence": LICENCE, **represent(tile)})


class MeasureDownload(MeasuresAPI):
    @extend_schema(
        operation_id="success_measures_download",
        summary=_("Every public measure and its history as CSV or XLSX"),
        parameters=FILTERS,
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY,
            400: OpenApiTypes.OBJECT,
            404: OpenApiTypes.OBJECT,
        },
    )
    def get(self, request: Request, file_format: str) -> HttpResponse:
        if file_format not in ("csv", "xlsx"):
            raise NotFound
        filters = _filters(request)
        tiles = queries.tiles(public_only=True, filters=filters)
        if file_format == "xlsx":
            response = HttpResponse(
                xlsx_bytes(tiles, filters=filters),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response.write("\ufeff")
            writer = csv.writer(response)
            for row in csv_rows(tiles, filters=filters):
                writer.writerow(row)
        response["Content-Disposition"] = f'attachment; filename="success-measures.{file_format}"'
        response["Link"] = LINK_HEADER
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # A file is answered as it is, not through a renderer.
        if isinstance(response, HttpResponse) and not isinstance(response, Response):
            return response
        return super().finalize_response(request, response, *args, **kwargs)
