"""Recording a figure for a service, or why it is not provided."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from ..models import (
    Measure,
    PeriodType,
    Service,
    Unit,
)


class MetricValueForm(forms.Form):
    """A figure for one period, or the reason it is not provided, for one measure.

    The last choice of measure ("new") defines a measure of the organisation's own on the way.
    """

    NEW_MEASURE = "new"

    measure = forms.ChoiceField(
        label=_("Measure"), error_messages={"required": _("Select a measure")}
    )
    new_measure_name_en = forms.CharField(
        label=_("Name of your measure in English"), max_length=150, required=False
    )
    new_measure_name_cy = forms.CharField(
        label=_("Name of your measure in Welsh"), max_length=150, required=False
    )
    new_measure_unit = forms.ChoiceField(
        label=_("Unit of your measure"), choices=Unit.choices, required=False
    )
    period_type = forms.ChoiceField(
        label=_("Is the figure for a month or a quarter?"),
        choices=PeriodType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the figure is for a month or a quarter")},
    )
    period_month = forms.TypedChoiceField(
        label=_("Month the period starts"),
        coerce=int,
        choices=[],
        error_messages={"required": _("Select the month the period starts")},
    )
    period_year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Enter the year the period starts"),
            "invalid": _("The year must include 4 numbers"),
            "min_value": _("The year must include 4 numbers"),
            "max_value": _("The year must include 4 numbers"),
        },
    )
    value = forms.DecimalField(
        label=_("Figure"),
        required=False,
        max_digits=16,
        decimal_places=2,
        help_text=_("A number only, without a percent or pound sign"),
        error_messages={
            "invalid": _("Enter the figure as a number, like 85 or 3.20"),
            "max_digits": _("Enter a smaller figure"),
            "max_decimal_places": _("Enter the figure with no more than 2 decimal places"),
        },
    )
    not_provided_reason = forms.CharField(
        label=_("If you cannot give the figure, say why"),
        widget=forms.Textarea,
        required=False,
    )
    source = forms.CharField(
        label=_("Where the figure comes from (optional)"), max_length=200, required=False
    )
    note = forms.CharField(label=_("Note (optional)"), widget=forms.Textarea, required=False)

    def __init__(self, *args, service: Service, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.measures = {str(measure.pk): measure for measure in measures}
        self.fields["measure"].choices = [
            ("", _("Select a measure")),
            *[(pk, measure.name) for pk, measure in self.measures.items()],
            (self.NEW_MEASURE, _("A measure of your own (name it below)")),
        ]
        self.fields["period_month"].choices = [("", _("Select a month")), *MONTHS.items()]

    def clean(self):
        data = super().clean()
        if data.get("measure") == self.NEW_MEASURE:
            for name, message in (
                ("new_measure_name_en", _("Enter the name of your measure in English")),
                ("new_measure_name_cy", _("Enter the name of your measure in Welsh")),
                ("new_measure_unit", _("Select the unit of your measure")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        month, year = data.get("period_month"), data.get("period_year")
        if month and year:
            start = datetime.date(year, month, 1)
            if data.get("period_type") == PeriodType.QUARTER and month not in (1, 4, 7, 10):
                self.add_error(
                    "period_month", _("A quarter must start in January, April, July or October")
                )
            elif start > timezone.localdate():
                self.add_error("period_month", _("The period must have started already"))
            else:
                data["period_start"] = start
        value: Decimal | None = data.get("value")
        reason = (data.get("not_provided_reason") or "").strip()
        if value is None and not reason and "value" not in self.errors:
            self.add_error("value", _("Enter a figure, or say why it is not provided"))
        if value is not None and reason:
            self.add_error(
                "not_provided_reason",
                _("Enter either a figure or a reason it is not provided, not both"),
            )
        return data

    @property
    def chosen_measure(self) -> Measure | None:
        return self.measures.get(self.cleaned_data.get("measure", ""))
