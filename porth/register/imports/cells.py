"""Turning one cell into a value, or a `CellProblem` that says what is wrong with it."""

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl.utils.datetime import from_excel

from ..description import ServiceField
from ..structured import choice_names, split_items
from ..validation import messages_in_both_languages
from .problems import CellProblem
from .reading import Cell

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
YES = {"true", "yes", "y", "1", "ie", "do", "gwir"}
NO = {"false", "no", "n", "0", "na", "nac oes", "ffug", ""}
MAX_DIGITS, DECIMAL_PLACES = 16, 2
NUMBER_LIMIT = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)
FORMULA_STARTS = ("=", "+", "-", "@")


def text(cell: Cell) -> str:
    """The cell as text: numbers without a trailing ".0", dates as 2025-04-01."""
    if cell.__class__ is str:  # nearly every cell: the quick way first
        if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS:
            # Downloads put a quote before text a spreadsheet would run as a formula.
            return cell[1:]
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return text(str(cell).strip())


def limited(cell: Cell, limit: int | None) -> str:
    value = text(cell)
    if limit and len(value) > limit:
        raise CellProblem("too_long", limit=limit)
    return value


def checked(value: Any, validator: Callable[[Any], None]) -> Any:
    """`value` if the register's shared `validator` takes it, else a problem in its words.

    The message is the one the question pages and the API give for the same value, stored in
    both languages (porth/register/validation.py).
    """
    try:
        validator(value.strip() if isinstance(value, str) else value)
    except ValidationError as error:
        raise CellProblem("rule", reason=messages_in_both_languages(error)) from error
    return value


def declared_text(cell: Cell, declared: ServiceField) -> str:
    """A text field of the service's description, judged by its declared validators: an empty
    cell clears an optional field (a required one is reported as missing by the row)."""
    value = declared.tidy(text(cell))
    if value:
        for validator in declared.validators:
            checked(value, validator)
    return value


def date(cell: Cell, *, not_after_today: bool = True) -> datetime.date:
    """A date from an Excel date cell, an Excel day number, 2025-04-01 or 01/04/2025."""
    if isinstance(cell, datetime.datetime):
        day = cell.date()
    elif isinstance(cell, datetime.date):
        day = cell
    elif isinstance(cell, int | float) and not isinstance(cell, bool) and 1 <= cell < 2958466:
        day = from_excel(cell).date()
    else:
        day = _date_from_text(text(cell))
    if not_after_today and day > timezone.localdate():
        raise CellProblem("future_date")
    return day


@lru_cache(maxsize=4096)
def _date_from_text(value: str) -> datetime.date:
    """Cached: a file of figures repeats the same few period starts on every row."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value.split("T")[0], pattern).date()
        except ValueError:
            continue
    raise CellProblem("invalid_date", value=value)


def _cleaned_number(raw: str) -> Decimal:
    cleaned = raw.replace(",", "").replace("£", "").replace("%", "").replace(" ", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise CellProblem("invalid_number", value=raw) from error


def number(cell: Cell) -> Decimal:
    """A figure: "85", "85.5%", "£3.20", "12,400" or a number cell, to at most 2 places."""
    if cell.__class__ is str:
        try:
            value = Decimal(cell)
        except InvalidOperation:
            value = _cleaned_number(text(cell))
    elif isinstance(cell, int | float) and not isinstance(cell, bool):
        value = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
    else:
        value = _cleaned_number(text(cell))
    if not value.is_finite():
        raise CellProblem("invalid_number", value=text(cell))
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -DECIMAL_PLACES and value != round(value, DECIMAL_PLACES):
        raise CellProblem("too_many_decimals")
    if abs(value) >= NUMBER_LIMIT:
        raise CellProblem("too_large")
    return value


def yes_no(cell: Cell) -> bool:
    value = text(cell).casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    raise CellProblem("invalid_yes_no", value=text(cell))


def items(cell: Cell) -> list[str]:
    """A list cell: "public; businesses" (downloads separate items with "; ")."""
    return split_items(text(cell))


def code(value: str, choices: type) -> str:
    found = choice_names(choices).get(value.strip().casefold())
    if found is None:
        raise CellProblem("unknown_code", value=value, allowed=", ".join(choices.values))
    return found
