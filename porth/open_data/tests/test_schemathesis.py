"""Schemathesis fuzzes every operation in the OpenAPI schema against the Django app, in-process.

It generates requests from the schema (valid ones, and invalid ones that break it on purpose),
sends them through Django's WSGI handler and checks each answer: never a server error, only
status codes the schema documents, bodies and headers that match the schema. The run is
derandomised and bounded (20 examples an operation), so it is the same run every time and
takes well under a minute.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from porth.learning.tests.factories import SessionFactory as LearningSessionFactory
from porth.register.models import TechnologyProduct

from .factories import make_service, record, token_for

pytestmark = pytest.mark.django_db

# Loading the schema needs no database: drf-spectacular builds it from the code alone. The
# schema is fetched from the app itself, so it is what clients are served, not a copy.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_tests_connection() -> Iterator[None]:
    """Django closes old database connections when a request starts and ends. Called through the
    real WSGI handler, that would close this test's own connection in the middle of its
    transaction on PostgreSQL; Django's test client switches it off for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@dataclass
class Existing:
    token: str
    # For each operation with a path parameter, the value that finds a real row.
    path_parameters: dict[str, dict[str, str]]


@pytest.fixture
def existing(organisation, editor, published) -> Existing:
    """A service, a figure, a product and a published review report to find, and an editor's
    token so writes get past 401."""
    product = TechnologyProduct.objects.create(name="FormBuilder", supplier="Acme")
    service = make_service(organisation, technology=[product])
    figure = record(service, "user-satisfaction", datetime.date(2025, 1, 1), "50")
    learning_session = LearningSessionFactory()
    return Existing(
        token=token_for(editor),
        path_parameters={
            "/api/v1/services/{public_id}/": {"public_id": service.public_id},
            "/api/v1/metrics/{id}/": {"id": str(figure.pk)},
            "/api/v1/measures/{id}/": {"id": str(figure.measure_id)},
            "/api/v1/organisations/{slug}/": {"slug": organisation.slug},
            "/api/v1/service-areas/{code}/": {"code": service.service_area.code},
            "/api/v1/technology/{id}/": {"id": str(product.pk)},
            "/api/v1/review-reports/{id}/": {"id": str(published.pk)},
            "/api/v1/learning-sessions/{id}/": {"id": str(learning_session.pk)},
            "/api/v1/organisations/{slug}/services/bulk/": {"slug": organisation.slug},
            "/api/v1/success-measures/{key}/": {"key": "register.services_recorded"},
            "/api/v1/success-measures/download/{file_format}/": {"file_format": "csv"},
            "/api/v1/organisations/{slug}/services/{reference}/": {
                "slug": organisation.slug,
                "reference": "REF-1",
            },
        },
    )


# A filter or a reference must name an organisation, area or service that exists; the schema can
# only say "a string", so a made-up code is valid to schemathesis and is rightly refused with a
# documented 400. Pagination, as DRF's, ignores what it cannot use (?page_size=x gives the usual
# page size) and an empty filter means no filter, so some schema-breaking requests are answered
# 200, by design.
NOT_CHECKED = [positive_data_acceptance, negative_data_rejection]


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    database=None,  # nothing to remember between runs: each run is the same run
    deadline=None,
    # The database rows from `existing` are meant to be shared by every example of an operation.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No shrinking: a failure is reported as found, which keeps a red run short.
    phases=[Phase.explicit, Phase.generate],
)
def test_api_answers_every_generated_request_as_its_schema_says(case, existing: Existing) -> None:
    headers = {"Authorization": f"Bearer {existing.token}"}
    case.call_and_validate(headers=headers, excluded_checks=NOT_CHECKED)
    # Generated IDs almost never exist, so send each request again at a real row too: the
    # editor's token then really reads, and changes, their body's service and figure.
    known = existing.path_parameters.get(case.operation.path)
    assert known or "{" not in case.operation.path, f"Name a real row for {case.operation.path}"
    if known:
        case.path_parameters = {**case.path_parameters, **known}
        case.call_and_validate(headers=headers, excluded_checks=NOT_CHECKED)


# The downloads are not part of the API, so they are not in its schema. They take the same
# query strings as the API's lists, so their operations are written here from the API's own
# parameters: every generated filter (NUL bytes, dates in year 1 or 9999, odd offsets, as the
# schema allows any string) must be answered with a whole file or a 400 page, never a 500
# or a file that stops after its header row.
DOWNLOADS = {
    "services": "/api/v1/services/",
    "metrics": "/api/v1/metrics/",
    "review-reports": "/api/v1/review-reports/",
    "standards-statistics": "/api/v1/standards-statistics/",
}
DOWNLOAD_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_schema(api: dict) -> dict:
    """An OpenAPI document for /en/open-data/<name>.<format>, from the API's parameters."""
    paths = {}
    for name, api_path in DOWNLOADS.items():
        parameters = [
            parameter
            for parameter in api["paths"][api_path]["get"].get("parameters", [])
            if parameter["name"] not in {"page", "page_size"}
        ]
        for file_format, content_type in DOWNLOAD_TYPES.items():
            paths[f"/en/open-data/{name}.{file_format}"] = {
                "get": {
                    "operationId": f"download_{name}_{file_format}".replace("-", "_"),
                    "parameters": parameters,
                    "responses": {
                        "200": {"description": "The file", "content": {content_type: {}}},
                        "400": {
                            "description": "A filter that cannot be used",
                            "content": {"text/html; charset=utf-8": {}},
                        },
                    },
                }
            }
    return {
        "openapi": api["openapi"],
        "info": {"title": "Porth downloads", "version": "1"},
        "paths": paths,
        "components": api.get("components", {}),
    }


downloads = schemathesis.openapi.from_dict(download_schema(schema.raw_schema))
downloads.app = schema.app


@downloads.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],
)
def test_finding_6_downloads_answer_every_generated_filter_with_a_file_or_a_400(
    case, existing: Existing
) -> None:
    """Only the status and content type are checked: a CSV or XLSX body has no schema."""
    response = case.call()
    if case.method != "GET":
        # Schemathesis also tries other methods (QUERY, say): refused, never a server error.
        assert response.status_code < 500, (case.method, response.status_code)
        return
    assert response.status_code in (200, 400), (response.status_code, case.method, case.query)
    if response.status_code == 200:
        content = response.content
        if case.operation.path.endswith(".json"):
            assert content.endswith(b"]}"), content[-200:]
        assert b"!! This file is incomplete" not in content
        assert b'"incomplete": true' not in content
