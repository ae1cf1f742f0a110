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
from porth.organisations.queries import organisations_for_list

from .models import TRAINED, Booking, DeliveryLanguage, HistoricalReach, RoleCategory

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
        TRAINED,
        session__cancelled_at__isnull=True,
        session__starts_at__lte=timezone.now(),
    )
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


GROUPED_BY = {
    "organisation": "organisation_id",
    "organisation_type": "organisation__type",
    "role_category": "role_category",
    "language": "session__delivery_language",
    "month": "month",
}


@dataclass
class CrossTable:
    """People trained by body (or type of body) and role: one row a body, one column a role."""

    title: Any
    roles: list[str]
    rows: list[tuple[str, list[int | None]]]


@dataclass
class Summary:
    total: int
    tables: list[tuple[Any, list[ReachRow]]]
    by_role: CrossTable | None = None


def _grouped(organisation: Any = None) -> list[dict[str, Any]]:
    """One query: people trained counted for each combination of the dimensions. Every table of
    the report is a sum over these rows (a few thousand at most: bodies x types x roles x
    languages x months), so the bookings are read once, not once a table."""
    rows = trained(organisation).annotate(month=TruncMonth("session__starts_at"))
    # Grouped by short keys only; each body's name and type (functions of its id) are read
    # afterwards for the few bodies found, so the database hashes four columns rather than
    # sorting six, names included, on disk (ADR 0058).
    fields = ["organisation_id", "role_category", "session__delivery_language", "month"]
    grouped = list(rows.values(*fields).annotate(people=Count("*")).order_by())
    ids = {row["organisation_id"] for row in grouped} - {None}
    bodies = {
        pk: (name, kind)
        for pk, name, kind in organisations_for_list()
        .filter(pk__in=ids)
        .values_list("pk", f"name_{current_language()}", "type")
    }
    for row in grouped:
        row["name"], row["organisation__type"] = bodies.get(row["organisation_id"], (None, None))
    return grouped


def _sort_key(dimension: str, value: Any) -> tuple:
    # Unknowns last; months in time order; everything else by its label.
    return (value in (None, ""), value if dimension == "month" else "")


def summarise(
    dimensions: Iterable[str], *, organisation: Any = None, suppress: bool = False
) -> Summary:
    """The report's total and one table for each dimension, from one grouped query."""
    grouped = _grouped(organisation)
    dimensions = list(dimensions)
    names = {row["organisation_id"]: row["name"] for row in grouped}
    tables = []
    for dimension in dimensions:
        field = GROUPED_BY[dimension]
        counts: dict[Any, int] = {}
        for row in grouped:
            key = row[field]
            counts[key] = counts.get(key, 0) + row["people"]
        labelled = []
        for key, people in counts.items():
            value = names.get(key) if dimension == "organisation" else key
            shown = None if suppress and people < SUPPRESS_BELOW else people
            labelled.append((_sort_key(dimension, value), _label(dimension, value), shown))
        labelled.sort(key=lambda item: (item[0], item[1]))
        tables.append(
            (DIMENSIONS[dimension], [ReachRow(label=label, people=n) for _k, label, n in labelled])
        )
    by_role = None
    if "role_category" in dimensions:
        across = "organisation" if "organisation" in dimensions else "organisation_type"
        if organisation is None and across in dimensions:
            by_role = _cross_table(grouped, across, names, suppress=suppress)
    return Summary(total=sum(row["people"] for row in grouped), tables=tables, by_role=by_role)


def _cross_table(
    grouped: list[dict[str, Any]], across: str, names: dict[Any, str], *, suppress: bool
) -> CrossTable:
    field = GROUPED_BY[across]
    roles = [*RoleCategory.values, ""]
    cells: dict[Any, dict[str, int]] = {}
    for row in grouped:
        per_role = cells.setdefault(row[field], {})
        role = row["role_category"] or ""
        per_role[role] = per_role.get(role, 0) + row["people"]
    used = [role for role in roles if any(role in per_role for per_role in cells.values())]
    rows = []
    for key, per_role in cells.items():
        value = names.get(key) if across == "organisation" else key
        figures = []
        for role in used:
            people = per_role.get(role, 0)
            figures.append(None if suppress and 0 < people < SUPPRESS_BELOW else people)
        rows.append((_sort_key(across, value), _label(across, value), figures))
    rows.sort(key=lambda item: (item[0], item[1]))
    title = _("Role by organisation") if across == "organisation" else _("Role by type of body")
    return CrossTable(
        title=title,
        roles=[_label("role_category", role) for role in used],
        rows=[(label, figures) for _k, label, figures in rows],
    )


def reach_by(dimension: str, *, organisation: Any = None, suppress: bool = False) -> list[ReachRow]:
    """People trained, grouped by one dimension; cells under 5 hidden when `suppress`."""
    return summarise([dimension], organisation=organisation, suppress=suppress).tables[0][1]


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
    summary = summarise(dimensions, organisation=organisation, suppress=suppress)
    for title, table_rows in summary.tables:
        for row in table_rows:
            people = "<5" if row.is_suppressed else row.people
            rows.append([str(title), row.label, people, "Porth"])
    if summary.by_role is not None:
        for label, figures in summary.by_role.rows:
            for role, people in zip(summary.by_role.roles, figures, strict=True):
                people = "<5" if people is None else people
                rows.append([str(summary.by_role.title), f"{label} / {role}", people, "Porth"])
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
