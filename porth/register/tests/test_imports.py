"""Bulk import: reading files, checking rows, and writing them all or nothing."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from porth.open_data.columns import METRIC_COLUMNS, SERVICE_COLUMNS, metric_rows, service_rows
from porth.open_data.formats import csv_chunks, xlsx_chunks
from porth.register import imports
from porth.register.imports import describe
from porth.register.models import (
    ImportKind,
    ImportStatus,
    MetricValue,
    Service,
    ServiceArea,
    ServiceChange,
    SpreadsheetImport,
)

from .factories import MeasureFactory, ServiceFactory
from .test_actions import create

pytestmark = pytest.mark.django_db

SERVICE_HEADERS = ["name_en", "name_cy", "description_en", "description_cy", "service_area", "phase"]
METRIC_HEADERS = ["service", "measure", "period_type", "period_start", "value"]


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(organisation, person, data: bytes, *, kind=ImportKind.SERVICES, name="file.csv"):
    """Upload, check (the immediate task backend runs it at once), and reload the import."""
    record = imports.start_import(
        organisation=organisation, kind=kind, file_name=name, data=data, uploaded_by=person
    )
    from porth.register.imports import check_import

    check_import(record.pk)
    record.refresh_from_db()
    return record


def confirm(record, person):
    from porth.register.imports import apply_import

    imports.confirm_import(spreadsheet_import=record, confirmed_by=person)
    apply_import(record.pk)
    record.refresh_from_db()
    return record


def messages(record, language="en") -> list[tuple]:
    with translation.override(language):
        return [(p["row"], p["column"], describe(p)) for p in record.problems]


def service_row(name="Empty the bins", name_cy="Gwagio'r biniau", area="waste-recycling"):
    return [name, name_cy, "Bins emptied weekly.", "Gwagio biniau bob wythnos.", area, "live"]


def test_a_spreadsheet_of_services_is_checked_previewed_and_applied(organisation, editor):
    record = run(organisation, editor, csv_bytes([SERVICE_HEADERS, service_row()]))
    assert record.status == ImportStatus.CHECKED, record.problems
    assert record.preview["counts"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert not Service.objects.exists()
    record = confirm(record, editor)
    assert record.status == ImportStatus.APPLIED
    service = Service.objects.get()
    assert service.name_cy == "Gwagio'r biniau"
    assert service.organisation == organisation
    assert ServiceChange.objects.filter(service=service, changed_by=editor).exists()


def test_figures_are_imported_with_their_history(organisation, editor):
    service = create(organisation, editor)
    rows = [METRIC_HEADERS, [service.public_id, "user-satisfaction", "month", "2025-01-01", "85.5"]]
    record = confirm(run(organisation, editor, csv_bytes(rows), kind=ImportKind.METRICS), editor)
    assert record.status == ImportStatus.APPLIED, record.problems
    figure = MetricValue.objects.get()
    assert figure.value == Decimal("85.5")
    assert figure.recorded_by == editor
    service.refresh_from_db()
    assert service.latest_metric_period == datetime.date(2025, 1, 1)
    change = ServiceChange.objects.filter(kind="metric").get()
    assert change.changes[0]["new"]["en"] == "85.5%"
