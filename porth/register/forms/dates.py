"""A GOV.UK date input: day, month and year boxes with one message for the whole date."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes named `<name>_day`, `<name>_month`, `<name>_year`."""

    def __init__(self, attrs=None):
        super().__init__(
            {"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}, attrs
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as three numbers, with one GOV.UK-style message for the whole date."""

    widget = GovukDateWidget

    def __init__(self, *, allow_future: bool = False, **kwargs):
        self.allow_future = allow_future
        number = forms.CharField(required=False)
        super().__init__(fields=(number, number, number), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        try:
            day, month, year = (int(str(part).strip()) for part in data_list)
            value = datetime.date(year, month, day)
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(
                _("Enter a real date, for example 27 3 2024"), code="invalid"
            ) from error
        if self.validators:
            # The field's own rule (a phase date's, say) judges the range, in the words every
            # other door uses for the same date (porth/register/validation.py).
            return value
        if year < 1900:
            raise forms.ValidationError(_("The year must include 4 numbers"), code="invalid")
        if not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past"), code="future")
        return value


def date_data(name: str, value: datetime.date | None) -> dict[str, list[str]]:
    if value is None:
        return {}
    return {
        f"{name}_day": [str(value.day)],
        f"{name}_month": [str(value.month)],
        f"{name}_year": [str(value.year)],
    }
