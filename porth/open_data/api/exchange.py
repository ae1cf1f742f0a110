"""The register's exchange doors in the API, by the spreadsheet's own rules (docs/adr/0040).

- `PUT /api/v1/organisations/{slug}/services/{reference}/`: the service with the body's own
  reference, added if there is none and changed if there is: sending it twice leaves one
  service. `"is_retired": true` with `"retired_on"` retires it.
- `POST /api/v1/organisations/{slug}/services/bulk/`: many services in one request, all or
  nothing, each matched by `public_id` or `reference` (never by name) and answered with the
  same problems, per record, as an uploaded spreadsheet.

Both go through the register's import checker (`porth.register.imports.exchange_records`), so a
value refused in a spreadsheet is refused here in the same words, with its row and value.
"""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from porth.organisations.models import Organisation
from porth.register import imports
from porth.register.models import Service
from porth.register.queries import published_services

from ..columns import services_for_rows
from .common import OpenDataAPI
from .permissions import may_write_for
from .serializers import ServiceSerializer

RECORD = serializers.DictField(
    help_text=_(
        "A service with the spreadsheet's columns as keys (name_en, service_area, channels …); "
        "lists may be given as lists or as text separated by “; ”"
    )
)
PROBLEM = inline_serializer(
    "ExchangeProblem",
    {
        "row": serializers.IntegerField(allow_null=True),
        "column": serializers.CharField(),
        "code": serializers.CharField(),
        "value": serializers.CharField(),
        "message": serializers.DictField(child=serializers.CharField()),
    },
)


def _problems(error: Exception) -> Response:
    found = [error.problem] if isinstance(error, imports.FileRefused) else error.problems
    answer = []
    for problem in found:
        data = problem.as_data()
        message = {}
        for language in ("en", "cy"):
            with translation.override(language):
                message[language] = imports.describe(data)
        answer.append(
            {
                "row": problem.row,
                "column": problem.column,
                "code": problem.code,
                "value": problem.value,
                "message": message,
            }
        )
    return Response({"problems": answer}, status=status.HTTP_400_BAD_REQUEST)


class _ForBody(OpenDataAPI, APIView):
    def body(self, slug: str) -> Organisation:
        organisation = get_object_or_404(Organisation, slug=slug)
        if not may_write_for(self.request, organisation):
            raise exceptions.PermissionDenied
        return organisation


def _records(data: Any) -> list[dict[str, Any]]:
    records = data.get("services") if isinstance(data, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise exceptions.ValidationError(
            {"services": [_("Give the services as a list of objects.")]}
        )
    return records


class ServiceByReference(_ForBody):
    """One service by its body's own reference: added or changed, idempotently."""

    @extend_schema(
        summary=_("Add or change a service by your own reference (token needed)"),
        request=inline_serializer("ServiceByReference", {"service": RECORD}),
        responses={200: ServiceSerializer, 201: ServiceSerializer},
    )
    def put(self, request: Request, slug: str, reference: str) -> Response:
        organisation = self.body(slug)
        data = request.data if isinstance(request.data, dict) else {}
        record = {key: value for key, value in data.items() if key != "public_id"}
        record["reference"] = reference
        existed = Service.objects.filter(organisation=organisation, reference=reference).exists()
        try:
            outcome = imports.exchange_records(
                organisation=organisation,
                records=[record],
                changed_by=request.user,
                empty_cells_clear=True,  # PUT gives the whole service
            )
        except (imports.FileRefused, imports.ImportHasProblems) as error:
            return _problems(error)
        service = services_for_rows(published_services(include_retired=True)).get(
            public_id=outcome["services"][1]
        )
        return Response(
            ServiceSerializer(service, context={"request": request}).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class BulkServices(_ForBody):
    """Many services at once: all of them, or none and every problem."""

    @extend_schema(
        summary=_("Add or change many services at once, all or nothing (token needed)"),
        request=inline_serializer(
            "BulkServices",
            {
                "services": serializers.ListField(child=RECORD),
                "empty_cells_clear": serializers.BooleanField(required=False),
            },
        ),
        responses={
            200: inline_serializer(
                "BulkServicesDone",
                {
                    "counts": serializers.DictField(child=serializers.IntegerField()),
                    "services": serializers.DictField(child=serializers.CharField()),
                },
            )
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        organisation = self.body(slug)
        records = _records(request.data)
        try:
            outcome = imports.exchange_records(
                organisation=organisation,
                records=records,
                changed_by=request.user,
                empty_cells_clear=request.data.get("empty_cells_clear") is True,
            )
        except (imports.FileRefused, imports.ImportHasProblems) as error:
            return _problems(error)
        return Response(
            {
                "counts": outcome["counts"],
                "services": {str(row): public_id for row, public_id in outcome["services"].items()},
            }
        )
