"""What a row of the standards' open data says: published review reports and the statistics
across Wales, for the downloads and the API.

The standards app gives flat records with codes (`porth.standards.queries.report_records`,
`wales_statistics`); here each code gets its label in both languages beside it, as the
register's columns do (docs/adr/0009-open-data.md). Only published reports are ever read.
"""

from collections.abc import Iterator
from typing import Any

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import OrganisationType
from porth.standards import queries as standards
from porth.standards.models import RAG, Phase, ReviewType

from .columns import Column, _iso, bilingual

STANDARD_NUMBERS = range(1, 13)


def _standard_columns(number: int) -> list[Column]:
    return [
        Column(
            f"standard_{number}", format_lazy(_("Outcome for standard {number}"), number=number)
        ),
        Column(
            f"standard_{number}_en",
            format_lazy(_("Outcome for standard {number} (English)"), number=number),
        ),
        Column(
            f"standard_{number}_cy",
            format_lazy(_("Outcome for standard {number} (Welsh)"), number=number),
        ),
    ]


REPORT_COLUMNS = [
    Column("id", _("Report number")),
    Column("service_id", _("Service ID")),
    Column("service_name_en", _("Service name (English)")),
    Column("service_name_cy", _("Service name (Welsh)")),
    Column("organisation", _("Organisation code")),
    Column("organisation_en", _("Organisation (English)")),
    Column("organisation_cy", _("Organisation (Welsh)")),
    Column("organisation_gss_code", _("GSS code")),
    Column("body_type", _("Type of organisation code")),
    Column("body_type_en", _("Type of organisation (English)")),
    Column("body_type_cy", _("Type of organisation (Welsh)")),
    Column("phase", _("Phase code")),
    Column("phase_en", _("Phase (English)")),
    Column("phase_cy", _("Phase (Welsh)")),
    Column("review_type", _("Type of review code")),
    Column("review_type_en", _("Type of review (English)")),
    Column("review_type_cy", _("Type of review (Welsh)")),
    Column("review_date", _("Review date"), "date"),
    Column("published_on", _("Published"), "date"),
    Column("standards_version", _("Version of the standards")),
    Column("outcome", _("Overall outcome code")),
    Column("outcome_en", _("Overall outcome (English)")),
    Column("outcome_cy", _("Overall outcome (Welsh)")),
    *(column for number in STANDARD_NUMBERS for column in _standard_columns(number)),
    Column("summary_en", _("Summary (English)")),
    Column("summary_cy", _("Summary (Welsh)")),
    Column("recommendations", _("Recommendations"), "number"),
    Column("recommendations_done", _("Recommendations done"), "number"),
]


def report_row(record: dict[str, Any]) -> dict[str, Any]:
    """One published report as plain data, each code with its English and Welsh label."""

    def labelled(name: str, choices: type, code: str) -> dict[str, str]:
        return {
            name: code,
            f"{name}_en": bilingual(choices, code, "en"),
            f"{name}_cy": bilingual(choices, code, "cy"),
        }

    return {
        "id": record["id"],
        "service_id": record["service_id"],
        "service_name_en": record["service_name_en"],
        "service_name_cy": record["service_name_cy"],
        "organisation": record["organisation_slug"],
        "organisation_en": record["organisation_name_en"],
        "organisation_cy": record["organisation_name_cy"],
        "organisation_gss_code": record["organisation_gss_code"],
        **labelled("body_type", OrganisationType, record["organisation_type"]),
        **labelled("phase", Phase, record["phase"]),
        **labelled("review_type", ReviewType, record["review_type"]),
        "review_date": _iso(record["review_date"]),
        "published_on": _iso(record["published_on"]),
        "standards_version": record["standards_version"],
        **labelled("outcome", RAG, record["outcome"]),
        **{
            key: value
            for number in STANDARD_NUMBERS
            for key, value in labelled(
                f"standard_{number}", RAG, record[f"standard_{number}"]
            ).items()
        },
        "summary_en": record["summary_en"],
        "summary_cy": record["summary_cy"],
        "recommendations": record["recommendations"],
        "recommendations_done": record["recommendations_done"],
    }


def report_rows(filters: standards.ReportFilters) -> Iterator[dict[str, Any]]:
    """Rows for the published reports the filters choose, newest first."""
    for record in standards.report_records(standards.published_reports(filters)):
        yield report_row(record)


class StatisticsMeasure(models.TextChoices):
    """What a row of the statistics counts; a TextChoices so each has a label in both languages."""

    SERVICES = "services", _("Current services")
    SELF_ASSESSED = "self_assessed", _("Services with a submitted self-assessment")
    REVIEWED = "reviewed", _("Services with a published review report")
    REPORTS = "reports", _("Published review reports")
    RECOMMENDATIONS = "recommendations", _("Recommendations in published reports")
    RECOMMENDATIONS_DONE = "recommendations_done", _("Recommendations done")
    GREEN = "green", _("Green outcomes")
    AMBER = "amber", _("Amber outcomes")
    RED = "red", _("Red outcomes")


STATISTICS_COLUMNS = [
    Column("measure", _("Measure code")),
    Column("measure_en", _("Measure (English)")),
    Column("measure_cy", _("Measure (Welsh)")),
    Column("standard", _("Standard")),
    Column("standard_en", _("Standard (English)")),
    Column("standard_cy", _("Standard (Welsh)")),
    Column("value", _("Value"), "number"),
]


def statistics_rows(numbers: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """`wales_statistics` as one row per figure: the totals first, then each standard's
    green, amber and red outcomes (a long table, so a spreadsheet can pivot it)."""

    def row(measure: str, value: int, number: int | None = None) -> dict[str, Any]:
        standard = numbers["standards"].get(number)
        return {
            "measure": measure,
            "measure_en": bilingual(StatisticsMeasure, measure, "en"),
            "measure_cy": bilingual(StatisticsMeasure, measure, "cy"),
            "standard": number,
            "standard_en": standard.name_en if standard else "",
            "standard_cy": standard.name_cy if standard else "",
            "value": value,
        }

    for measure in ("services", "self_assessed", "reviewed", "reports"):
        yield row(measure, numbers[measure])
    yield row("recommendations", numbers["recommendations"]["total"])
    yield row("recommendations_done", numbers["recommendations"]["done"])
    for number, counts in sorted(numbers["per_standard"].items()):
        for rating in RAG.values:
            yield row(rating, counts[rating], number)
