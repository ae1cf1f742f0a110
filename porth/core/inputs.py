"""What any input must be before Porth reads it: text it can store, dates it can compare.

One place for the rules every door shares (docs/adr/0019-input-validation.md):

- `unreadable_text` finds what no database column can hold (a NUL character, a lone UTF-16
  surrogate). The middleware answers 400 to it in a query string or a form; the API's JSON
  parser does the same for a JSON body.
- `BoundedDateField` and `BoundedDateTimeField` take dates from 1900 to 2100 only, and turn a
  date and time with an offset into UTC while reading it, so that an offset such as -16:00
  (which PostgreSQL refuses) or a date that overflows when moved to UTC never reaches a query.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import unquote_to_bytes

from django import forms
from django.core.exceptions import ValidationError
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
EARLIEST_DATE = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = datetime.date(LATEST_YEAR, 12, 31)

UNREADABLE_INPUT = _(
    "The web address or form contains a character that cannot be read, such as a null "
    "character or text that is not valid UTF-8. Check what you typed or copied, and try again."
)
DATE_OUT_OF_RANGE = _("Enter a date between 1900 and 2100")
DATE_TIME_INVALID = _(
    "Enter a date (2026-01-31) or a date and time (2026-01-31T09:00:00Z) between 1900 and 2100"
)


def unreadable_text(text: str) -> bool:
    """True when `text` has a NUL character or a lone surrogate: no database can store it."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def unreadable_value(value: object) -> bool:
    """`unreadable_text` for any parsed JSON value: strings, and the keys and items within."""
    if isinstance(value, str):
        return unreadable_text(value)
    if isinstance(value, dict):
        return any(unreadable_value(key) or unreadable_value(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(unreadable_value(item) for item in value)
    return False


def unreadable_encoded(encoded: bytes) -> bool:
    """True when a %-encoded query string or form body holds a NUL or is not valid UTF-8.

    Django decodes these leniently (a broken byte becomes U+FFFD), so the raw bytes are checked
    before it does: a filter should not silently search for something nobody typed.
    """
    try:
        text = unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return unreadable_text(text)


def _unreadable_fields(values: Iterable[tuple[str, list[str]]]) -> bool:
    return any(
        unreadable_text(name) or any(unreadable_text(value) for value in items)
        for name, items in values
    )


def request_is_unreadable(request: HttpRequest) -> bool:
    """Whether the address, the query string or a submitted form holds unreadable text.

    JSON bodies are left to the API's parser, uploaded files to whatever reads them.
    """
    if "\x00" in request.path_info:
        return True
    if unreadable_encoded(get_bytes_from_wsgi(request.META, "QUERY_STRING", "")):
        return True
    if request.method not in {"POST", "PUT", "PATCH"}:
        return False
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            return unreadable_encoded(request.body)
        except Exception:  # too big, say: Django refuses it when the view reads the form
            return False
    if content_type.startswith("multipart/form-data"):
        try:
            return _unreadable_fields(request.POST.lists())
        except Exception:
            return False
    return False


def check_date_in_range(value: datetime.date | None) -> None:
    """Refuse a date outside 1900 to 2100: nothing in Porth happened or will happen then."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(DATE_OUT_OF_RANGE, code="out_of_range")


class BoundedDateField(forms.DateField):
    """A date from 1900 to 2100; anything else is a form error, never a database error."""

    default_validators = [check_date_in_range]


class BoundedDateTimeField(forms.DateTimeField):
    """A date, or date and time, from 1900 to 2100, returned in UTC.

    A value with an offset is moved to UTC here: an offset beyond what the database accepts,
    or a moment that leaves the calendar when moved (9999-12-31T23:59:59-16:00), is an error.
    """

    default_error_messages = {"invalid": DATE_TIME_INVALID}

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            moment = moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise ValidationError(DATE_TIME_INVALID, code="out_of_range") from error
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise ValidationError(DATE_TIME_INVALID, code="out_of_range")
        return moment
