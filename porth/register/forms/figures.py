"""Recording a figure for a service, or why it is not provided."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from ..models import (
    Measure,
    PeriodType,
    Service,
    Unit,
    figure_errors,
    start_of_period,
)

PERIOD_CHOICES = [
    (PeriodType.MONTH, _("A month")),
    (PeriodType.QUARTER, _("A quarter (January to March, April to June, and so on)")),
    (PeriodType.FINANCIAL_YEAR, _("A financial year (April to March)")),
    (PeriodType.CALENDAR_YEAR, _("A calendar year (January to December)")),
]
YEARS = {PeriodType.FINANCIAL_YEAR, PeriodType.CALENDAR_YEAR}


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
        label=_("What period is the figure for?"),
        choices=PERIOD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the period the figure is for")},
    )
    period_month = forms.TypedChoiceField(
        label=_("Month the period starts"),
        help_text=_("For a month or a quarter. Leave it for a year"),
        coerce=int,
        choices=[],
        required=False,
        empty_value=None,
    )
    period_year = forms.IntegerField(
        label=_("Year the period starts"),
        help_text=_(
            "For a financial year, the year it starts in: 2024 for April 2024 to March 2025"
        ),
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
        period_type, month, year = (
            data.get("period_type"),
            data.get("period_month"),
            data.get("period_year"),
        )
        if (
            period_type
            and period_type not in YEARS
            and not month
            and "period_month" not in self.errors
        ):
            self.add_error("period_month", _("Select the month the period starts"))
            month = None
        if period_type and year and (month or period_type in YEARS):
            data["period_start"] = start_of_period(period_type, year=year, month=month)
        measure = self.chosen_measure
        unit = measure.unit if measure is not None else data.get("new_measure_unit") or ""
        # The rules every door applies (ADR 0046), in the same words.
        errors = figure_errors(
            period_type=period_type or PeriodType.MONTH,
            period_start=data.get("period_start"),
            value=data.get("value"),
            not_provided_reason=data.get("not_provided_reason") or "",
            unit=unit,
        )
        for name, messages in errors.items():
            if name == "period_start":
                data.pop("period_start", None)
                name = "period_year" if period_type in YEARS else "period_month"
            if name not in self.errors:
                self.add_error(name, messages)
        return data

    @property
    def chosen_measure(self) -> Measure | None:
        return self.measures.get(self.cleaned_data.get("measure", ""))
