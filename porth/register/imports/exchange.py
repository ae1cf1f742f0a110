"""What a person reads about an import beyond the page: problems grouped by kind, and the
complete preview and problem list as CSV or .xlsx files, whatever their size (docs/adr/0040).

Stored problems and preview rows hold both languages; these are worded in the reader's.
"""

import csv
import io
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from porth.core.language import current_language

from ..description import column_label
from .cells import FORMULA_STARTS
from .problems import describe


def _in_language(value: Any) -> str:
    if isinstance(value, dict) and set(value) == {"en", "cy"}:
        return value[current_language()]
    return "" if value is None else str(value)


def problem_row(problem: dict[str, Any]) -> dict[str, Any]:
    """One problem as the page and the download show it: the bad value beside its message."""
    return {
        "row": problem["row"],
        "column": column_label(problem["column"]) if problem["column"] else "",
        "value": problem.get("value", ""),
        "message": describe(problem),
    }


def problem_groups(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Problems of one kind in one column counted together ("Service area code: This cell
    must not be empty: 1,722 rows"), the largest group first, each with its first message."""
    counts = Counter((problem["code"], problem["column"]) for problem in problems)
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for problem in problems:
        first.setdefault((problem["code"], problem["column"]), problem)
    return [
        {
            "column": column_label(column) if column else "",
            "message": describe(first[(code, column)]),
            "count": count,
        }
        for (code, column), count in counts.most_common()
    ]


def problems_table(problems: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    headers = [_("Row"), _("Column"), _("Value"), _("Problem")]
    rows = []
    for problem in problems:
        shown = problem_row(problem)
        rows.append([shown["row"], shown["column"], shown["value"], shown["message"]])
    return headers, rows


def action_label(action: str) -> str:
    return {
        "created": _("New service"),
        "updated": _("Changed"),
        "duplicate": _("Possible duplicate: choose what to do"),
        "skipped": _("Skipped"),
    }.get(action, action)


def preview_table(outcome: dict[str, Any], *, kind: str) -> tuple[list[str], list[list[Any]]]:
    """Every row of a preview or summary: one line per changed field of an existing service
    (before and after), one line per new, skipped or possibly duplicated row. For figures, one
    line per figure added or replaced."""
    if kind != "services":
        return [_("Row"), _("Service ID"), _("Figure"), _("Before"), _("After")], [
            [row["row"], row.get("service", ""), _in_language(row.get("label")),
             _in_language(row.get("old")), _in_language(row.get("new"))]
            for row in outcome.get("rows", [])
        ]  # fmt: skip
    headers = [
        _("Row"),
        _("What happens"),
        _("Service ID"),
        _("Name (English)"),
        _("Name (Welsh)"),
        _("Possible duplicate of"),
        _("Detail"),
        _("Before"),
        _("After"),
    ]
    rows: list[list[Any]] = []
    for row in outcome.get("rows", []):
        start = [
            row["row"],
            action_label(row["action"]),
            row.get("service", ""),
            row["name"]["en"],
            row["name"]["cy"],
            row.get("duplicate_of", ""),
        ]
        changes = row.get("changes") or []
        if not changes:
            fields = ", ".join(_in_language(label) for label in row.get("fields", []))
            rows.append([*start, fields if row["action"] == "updated" else "", "", ""])
        for change in changes:
            rows.append(
                [
                    *start,
                    _in_language(change["label"]),
                    _in_language(change["before"]),
                    _in_language(change["after"]),
                ]
            )
    return headers, rows


def _safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading quote, as downloads do."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return f"'{value}"
    return value


def table_file(headers: list[str], rows: list[list[Any]], file_format: str) -> bytes:
    """A CSV (UTF-8 with a byte-order mark, so Excel keeps ŵ and ŷ) or .xlsx of the rows."""
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([_safe(value) for value in row] for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
