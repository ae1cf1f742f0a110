"""What can be wrong with an imported file, as message codes that read in either language.

A problem is stored as plain data, `{"row", "column", "code", "params"}`, and turned into words
only when someone reads it (`describe`), so a Welsh-speaking admin and an English-speaking
editor see the same list in their own language. A parameter that is itself a pair
`{"en": …, "cy": …}` (an organisation's name, a reason shared with the forms) is shown in the
reader's language; `columns` is a list of column codes, shown as their labels.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from porth.core.language import current_language

from ..description import column_label

MESSAGES = {
    # The whole file
    "wrong_type": _("The file must be a CSV file or an Excel spreadsheet (.xlsx)"),
    "too_big": _("The file must be smaller than %(limit)s MB"),
    "unreadable": _(
        "The file could not be read. Save it again as CSV (UTF-8) or .xlsx and upload it again"
    ),
    "no_headers": _("The first row of the file must name the columns"),
    "no_rows": _("The file has no rows under its column names"),
    "duplicate_column": _("The column “%(value)s” appears more than once"),
    "worker_failed": _("Something went wrong while handling the file. Nothing was changed"),
    # The file goes over a limit (docs/adr/0017)
    "too_many_rows": _(
        "The file has %(found)s rows. An import can take at most %(limit)s rows: split the file "
        "into smaller files and import each one"
    ),
    "too_many_rows_found": _(
        "The file has more than %(limit)s rows. An import can take at most %(limit)s rows: split "
        "the file into smaller files and import each one"
    ),
    "too_many_columns": _("The file has %(found)s columns. It can have at most %(limit)s"),
    "cell_too_long": _(
        "The cell in row %(row)s, column %(column)s has %(found)s characters. A cell can have at "
        "most %(limit)s"
    ),
    "unpacked_too_big": _(
        "The spreadsheet unpacks to %(found)s MB. It can unpack to at most %(limit)s MB: split it "
        "into smaller files and import each one"
    ),
    "packed_too_tightly": _(
        "The spreadsheet unpacks to %(found)s MB from a file of %(size)s KB, far more than a "
        "spreadsheet program saves. Save it again as .xlsx or CSV and upload it again"
    ),
    "took_too_long": _(
        "Handling the file took more than %(limit)s minutes, so it was stopped and nothing was "
        "changed. Split the file into smaller files and import each one"
    ),
    "check_stopped": _("The check stopped before it finished. Upload the file again"),
    "apply_stopped": _(
        "Importing stopped before it finished, so nothing was changed. Confirm again to import "
        "the file"
    ),
    # One cell or row
    "required": _("This cell must not be empty"),
    "unknown_organisation": _("There is no organisation with the code “%(value)s”"),
    "other_organisation": _("This import is for %(organisation)s only"),
    "partner_is_owner": _("The organisation that runs the service cannot also be a partner"),
    "unknown_service_area": _(
        "There is no service area with the code “%(value)s”. Use one of: %(allowed)s"
    ),
    "inactive_service_area": _("The service area “%(value)s” is no longer offered"),
    "unknown_service": _("There is no service with the ID “%(value)s”"),
    "service_of_other_organisation": _("The service %(value)s belongs to another organisation"),
    "reference_in_use": _(
        "Another of your organisation's services already has the reference “%(value)s”"
    ),
    "possible_duplicate": _(
        "This may be a duplicate of %(value)s: give its service ID to change that service, or "
        "your own reference to add a new one"
    ),
    "undecided_duplicate": _(
        "This row may be a duplicate of %(value)s: check the file again and say what to do with it"
    ),
    "retired_service": _("This service is retired and can no longer be changed"),
    "retire_with_columns": _(
        "Record that a service is retired in the “Retired” and “Retired on” columns"
    ),
    "new_service_retired": _("A new service cannot be added as retired"),
    "unknown_measure": _("There is no measure with the code “%(value)s” for this service"),
    "unknown_code": _("“%(value)s” is not one of the codes allowed here: %(allowed)s"),
    "not_a_channel": _("“%(value)s” is not one of the service's channels"),
    "invalid_date": _("Enter a date like 2025-04-01 or 01/04/2025, not “%(value)s”"),
    "future_date": _("The date cannot be in the future"),
    "not_first_of_month": _("A period must start on the first day of a month"),
    "quarter_start": _("A quarter must start in January, April, July or October"),
    "invalid_number": _("Enter a number, like 85 or 3.20, not “%(value)s”"),
    "too_many_decimals": _("Enter a number with no more than 2 decimal places"),
    "too_large": _("Enter a smaller number"),
    "out_of_range": "%(reason)s",
    # A rule of porth/register/validation.py, in the words the forms and the API use.
    "rule": "%(reason)s",
    "value_or_reason": _("Enter a figure, or say why it is not provided"),
    "value_and_reason": _("Enter either a figure or a reason it is not provided, not both"),
    "too_long": _("This must be %(limit)s characters or fewer"),
    "invalid_url": _("Enter a web address in the right format, like https://www.example.gov.wales"),
    "invalid_email": _("Enter an email address in the right format, like name@example.gov.wales"),
    "invalid_yes_no": _("Enter yes or no, not “%(value)s”"),
    "duplicate_row": _("This row repeats row %(row)s"),
    # Figures (ADR 0046)
    "missing_service_column": _(
        "The file must have a “Service ID” column or a “Your reference” column to say which "
        "service each figure is for"
    ),
    "unknown_reference": _("None of your services has the reference “%(value)s”"),
    "ambiguous_reference": _(
        "More than one organisation has a service with the reference “%(value)s”: give the "
        "service ID instead"
    ),
    "reference_of_other_service": _(
        "The reference “%(value)s” is for %(service)s, not the service ID in this row"
    ),
    "period_end_mismatch": _(
        "The period ends on %(expected)s, not %(value)s: check the period type and when it starts"
    ),
}


@dataclass
class Problem:
    """One problem; `row` is the spreadsheet's own row number (the column names are row 1)."""

    code: str
    row: int | None = None
    column: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    value: str = ""
    """The cell as it was, so the person sees the bad value beside the message (ADR 0040)."""

    def as_data(self) -> dict[str, Any]:
        data = {"row": self.row, "column": self.column, "code": self.code, "params": self.params}
        if self.value:
            data["value"] = self.value
        return data


class FileRefused(Exception):
    """The whole file cannot be imported (wrong type, missing columns …): no row is checked."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.problem = Problem(code=code, params=params)


class CellProblem(Exception):
    """A cell's value breaks a rule; the row checker adds the row and column."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


COUNTS = {"limit", "found", "size"}
"""Parameters that are amounts, written with thousands separators ("1,000,000")."""


def _localise(name: str, value: Any, language: str) -> Any:
    if isinstance(value, dict) and set(value) == {"en", "cy"}:
        return value[language]
    if name in COUNTS and isinstance(value, int):
        return number_format(value, force_grouping=True)
    return value


def describe(problem: dict[str, Any]) -> str:
    """The problem in the reader's language."""
    language = current_language()
    params = {name: _localise(name, value, language) for name, value in problem["params"].items()}
    if problem["code"] == "missing_columns":
        labels = [column_label(code) for code in params["columns"]]
        return ngettext(
            "The file is missing the column %(columns)s",
            "The file is missing the columns %(columns)s",
            len(labels),
        ) % {"columns": ", ".join(f"“{label}”" for label in labels)}
    # A problem found by one of the register's shared rules carries its words in both
    # languages as `reason`, whatever its code (porth/register/structured.py).
    template = (
        "%(reason)s"
        if "reason" in params
        else MESSAGES.get(problem["code"], MESSAGES["worker_failed"])
    )
    # A problem stored before a message gained a parameter reads with it left empty.
    return str(template) % _Params(params) if params else str(template)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return ""
