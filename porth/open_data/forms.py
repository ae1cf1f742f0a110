"""Reading filters from a query string, and the token and snapshot forms.

The service filters are the register list's own form, so a download or an API call takes
exactly the parameters of the page it was reached from (`?area=housing&welsh=all&q=…`).
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import Organisation
from porth.register.forms import ServiceFilterForm
from porth.register.models import PeriodType, ServiceArea
from porth.register.search import ServiceFilters

from .queries import MetricFilters


def service_filter_form(data: QueryDict) -> ServiceFilterForm:
    return ServiceFilterForm(
        data,
        areas=ServiceArea.objects.order_by("code"),
        organisations=Organisation.objects.order_by("slug"),
    )


class UpdatedSinceForm(forms.Form):
    """What the open data adds to the register list's filters."""

    updated_since = forms.DateTimeField(
        label=_("Changed on or after"),
        required=False,
        help_text=_("A date (2026-01-31) or a date and time (2026-01-31T09:00:00Z)."),
    )


class MetricFilterForm(UpdatedSinceForm):
    service = forms.CharField(label=_("Service ID"), required=False)
    measure = forms.CharField(label=_("Measure code"), required=False)
    period_type = forms.MultipleChoiceField(
        label=_("Period type"), choices=PeriodType.choices, required=False
    )
    period_from = forms.DateField(label=_("Periods starting on or after"), required=False)
    period_to = forms.DateField(label=_("Periods starting on or before"), required=False)


def _list(data: QueryDict, name: str) -> list[str]:
    """Values given as ?name=a&name=b or ?name=a,b."""
    return [item.strip() for value in data.getlist(name) for item in value.split(",") if item]


class OpenDataFilters:
    """The register list's filters plus ours, read from a query string.

    `errors` collects what made no sense; pages ignore it as the register list does, the API
    answers 400 with it.
    """

    def __init__(self, data: QueryDict) -> None:
        self.service_form = service_filter_form(data)
        self.extra_form = MetricFilterForm(data)
        self.services: ServiceFilters = self.service_form.filters()
        self.extra_form.is_valid()
        self.data = data

    @property
    def errors(self) -> dict[str, list[str]]:
        return {**self.service_form.errors, **self.extra_form.errors}

    @property
    def updated_since(self):
        return self.extra_form.cleaned_data.get("updated_since")

    def metrics(self) -> MetricFilters:
        cleaned = self.extra_form.cleaned_data
        return MetricFilters(
            services=self.services,
            service_ids=_list(self.data, "service"),
            measures=_list(self.data, "measure"),
            period_types=cleaned.get("period_type") or [],
            period_from=cleaned.get("period_from"),
            period_to=cleaned.get("period_to"),
            updated_since=cleaned.get("updated_since"),
        )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        help_text=_("Say what will use it, so you know which to revoke later."),
        max_length=100,
        error_messages={
            "required": _("Enter a name for the token"),
            "max_length": _("Name must be 100 characters or fewer"),
        },
    )


class SnapshotForm(forms.Form):
    label_en = forms.CharField(
        label=_("Label in English (optional)"), max_length=200, required=False
    )
    label_cy = forms.CharField(label=_("Label in Welsh (optional)"), max_length=200, required=False)
