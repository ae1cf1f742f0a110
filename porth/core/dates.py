"""The GOV.UK date input: day, month and year boxes, checked together (docs/architecture.md).

One field for every app: never copy it into an app. Messages follow the GOV.UK pattern: they
name the part that is missing or wrong ("The date must include a month"), and the boxes keep
what the person typed.
"""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes named `<name>_day`, `<name>_month`, `<name>_year`."""

    def __init__(self, attrs: dict | None = None):
        super().__init__({part: forms.TextInput for part in PARTS}, attrs)

    def decompress(self, value: Any) -> list:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as three numbers, with one GOV.UK message for the whole date.

    `allow_future=False` refuses dates after today; `min_year`/`max_year` keep typing slips
    (a two-digit year, 20225) out. Override any message by its code through `error_messages`:
    required, incomplete_day, incomplete_month, incomplete_year, invalid, year_digits,
    out_of_range, future.
    """

    widget = GovukDateWidget
    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete_day": _("The date must include a day"),
        "incomplete_month": _("The date must include a month"),
        "incomplete_year": _("The date must include a year"),
        "invalid_day": _("The day must be a number from 1 to 31"),
        "invalid_month": _("The month must be a number from 1 to 12"),
        "year_digits": _("The year must include 4 numbers"),
        "invalid": _("Enter a real date, for example 27 3 2024"),
        "out_of_range": _("The year must be between %(min_year)s and %(max_year)s"),
        "future": _("The date must be today or in the past"),
    }

    def __init__(
        self,
        *,
        allow_future: bool = False,
        min_year: int = 1900,
        max_year: int = 2100,
        **kwargs: Any,
    ):
        self.allow_future = allow_future
        self.min_year = min_year
        self.max_year = max_year
        parts = tuple(forms.CharField(required=False, max_length=6) for _part in PARTS)
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list) -> datetime.date | None:
        typed = [str(part or "").strip() for part in (data_list or [])]
        if not any(typed):
            return None
        for part, value in zip(PARTS, typed, strict=True):
            if not value:
                raise forms.ValidationError(
                    self.error_messages[f"incomplete_{part}"], code=f"incomplete_{part}"
                )
        if not all(value.isdigit() for value in typed):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = (int(value) for value in typed)
        if not 1 <= day <= 31:
            raise forms.ValidationError(self.error_messages["invalid_day"], code="invalid_day")
        if not 1 <= month <= 12:
            raise forms.ValidationError(self.error_messages["invalid_month"], code="invalid_month")
        if self.validators:
            # The field's own rule (a phase date's, say) judges the year, in the words every
            # other door uses for the same date (porth/register/validation.py).
            try:
                return datetime.date(year, month, day)
            except ValueError as error:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from error
        if len(typed[2]) != 4:
            raise forms.ValidationError(self.error_messages["year_digits"], code="year_digits")
        if not self.min_year <= year <= self.max_year:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"min_year": self.min_year, "max_year": self.max_year},
            )
        try:
            value = datetime.date(year, month, day)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(self.error_messages["future"], code="future")
        return value


def date_data(name: str, value: datetime.date | None) -> dict[str, list[str]]:
    """A date as the three boxes' form data, for forms started from a saved record."""
    if value is None:
        return {}
    return {
        f"{name}_day": [str(value.day)],
        f"{name}_month": [str(value.month)],
        f"{name}_year": [str(value.year)],
    }
