"""Reach: how many people have been trained, counted by body, type of body, role, delivery
language and month; with the alpha report's figures as a separate, labelled record.

A person is counted as trained when their place was confirmed on a session that has taken
place and was not cancelled, unless the register says they did not come.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from porth.core.language import current_language
from porth.organisations.models import OrganisationType

from .models import Booking, BookingStatus, DeliveryLanguage, HistoricalReach, RoleCategory

SUPPRESS_BELOW = 5

DIMENSIONS: dict[str, Any] = {
    "organisation": _("Organisation"),
    "organisation_type": _("Type of body"),
    "role_category": _("Role"),
    "language": _("Delivery language"),
    "month": _("Month"),
}
PUBLIC_DIMENSIONS = ("organisation_type", "role_category", "language", "month")


@dataclass
class ReachRow:
    label: str
    people: int | None  # None when suppressed

    @property
    def is_suppressed(self) -> bool:
        return self.people is None


def trained(organisation: Any = None) -> QuerySet[Booking]:
    rows = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        session__cancelled_at__isnull=True,
        session__starts_at__lte=timezone.now(),
    ).exclude(attended=False)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return rows


def _label(dimension: str, value: Any) -> str:
    if value in (None, ""):
        return str(_("Not known"))
    if dimension == "organisation_type":
        return str(OrganisationType(value).label)
    if dimension == "role_category":
        return str(RoleCategory(value).label)
    if dimension == "language":
        return str(DeliveryLanguage(value).label)
    if dimension == "month":
        return date_format(value, "F Y")
    return str(value)


def reach_by(dimension: str, *, organisation: Any = None, suppress: bool = False) -> list[ReachRow]:
    """People trained, grouped by one dimension; cells under 5 hidden when `suppress`."""
    field = {
        "organisation": f"organisation__name_{current_language()}",
        "organisation_type": "organisation__type",
        "role_category": "role_category",
        "language": "session__delivery_language",
        "month": "month",
    }[dimension]
    rows = trained(organisation)
    if dimension == "month":
        rows = rows.annotate(month=TruncMonth("session__starts_at"))
    grouped = rows.values(field).annotate(people=Count("id")).order_by(field)
    result = []
    for row in grouped:
        people = row["people"]
        if suppress and people < SUPPRESS_BELOW:
            people = None
        result.append(ReachRow(label=_label(dimension, row[field]), people=people))
    return result


def total_trained(*, organisation: Any = None) -> int:
    return trained(organisation).count()


def historical() -> list[HistoricalReach]:
    return list(HistoricalReach.objects.all())


def table(dimensions: Iterable[str], *, organisation: Any = None, suppress: bool = False):
    """Rows for a download: dimension, value, people; then the alpha report's record."""
    header = [
        "Dimension / Dimensiwn",
        "Value / Gwerth",
        "People trained / Pobl a gafodd hyfforddiant",
        "Source / Ffynhonnell",
    ]
    rows: list[list[Any]] = [header]
    for dimension in dimensions:
        for row in reach_by(dimension, organisation=organisation, suppress=suppress):
            people = "<5" if row.is_suppressed else row.people
            rows.append([str(DIMENSIONS[dimension]), row.label, people, "Porth"])
    if organisation is None:
        for record in historical():
            rows.append(
                [
                    f"{record.course_title_en} / {record.course_title_cy} "
                    f"({record.recorded_on.isoformat()})",
                    str(RoleCategory(record.role_category).label),
                    record.people,
                    f"{record.source_en} / {record.source_cy}",
                ]
            )
    return rows


def as_csv(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def as_xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Reach"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
