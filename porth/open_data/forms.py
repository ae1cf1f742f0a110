"""Reading filters from a query string, and the token and snapshot forms.

The service filters are the register list's own form, so a download or an API call takes
exactly the parameters of the page it was reached from (`?area=housing&welsh=all&q=…`).
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from porth.core.inputs import BoundedDateField, BoundedDateTimeField
from porth.organisations.models import Organisation
from porth.register.forms import ServiceFilterForm
from porth.register.models import PeriodType, ServiceArea
from porth.register.search import ServiceFilters

from .models import DEFAULT_TOKEN_LIFETIME, TokenScope
from .queries import MetricFilters


def service_filter_form(data: QueryDict) -> ServiceFilterForm:
    return ServiceFilterForm(
        data,
        areas=ServiceArea.objects.order_by("code"),
        organisations=Organisation.objects.order_by("slug"),
    )


class UpdatedSinceForm(forms.Form):
    """What the open data adds to the register list's filters."""

    updated_since = BoundedDateTimeField(
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
    period_from = BoundedDateField(label=_("Periods starting on or after"), required=False)
    period_to = BoundedDateField(label=_("Periods starting on or before"), required=False)


def _list(data: QueryDict, name: str) -> list[str]:
    """Values given as ?name=a&name=b or ?name=a,b."""
    return [item.strip() for value in data.getlist(name) for item in value.split(",") if item]


class OpenDataFilters:
    """The register list's filters plus ours, read from a query string.

    `errors` collects what made no sense; pages ignore it as the register list does, the API
    answers 400 with it. `date_errors` are the dates that could not be read or fall outside
    1900 to 2100: a download refuses those too (400), rather than quietly leaving the date out
    and sending a file of everything.
    """

    DATE_FIELDS = ("updated_since", "period_from", "period_to")

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
    def date_errors(self) -> list[str]:
        errors = self.extra_form.errors
        return [message for name in self.DATE_FIELDS for message in errors.get(name, [])]

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
    """Name, scope, lifetime and the organisations a new token acts for.

    The organisations offered are the person's own (`organisations`, in reading order); centre
    staff may also choose every organisation at once.
    """

    name = forms.CharField(
        label=_("Name of the token"),
        help_text=_("Say what will use it, so you know which to revoke later."),
        max_length=100,
        error_messages={
            "required": _("Enter a name for the token"),
            "max_length": _("Name must be 100 characters or fewer"),
        },
    )
    scope = forms.ChoiceField(
        label=_("What may the token do?"),
        choices=[
            (
                TokenScope.READ,
                _("Read only, including the contact details of your organisations' service owners"),
            ),
            (TokenScope.WRITE, _("Read, add and change services and figures")),
        ],
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the token may do")},
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("How long should the token work?"),
        help_text=_("After this it stops working and you make a new one."),
        choices=[
            (30, _("30 days")),
            (90, _("90 days")),
            (365, _("365 days")),
        ],
        coerce=int,
        initial=DEFAULT_TOKEN_LIFETIME,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how long the token should work")},
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Which organisations may it act for?"),
        help_text=_(
            "It can never do more than you can: if your role changes or you leave an "
            "organisation, the token changes with you."
        ),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    for_all_organisations = forms.BooleanField(
        label=_("Every organisation, as centre staff"),
        required=False,
    )

    def __init__(self, *args, organisations=None, is_centre_staff: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mine = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisations"].queryset = mine
        self.fields["organisations"].label_from_instance = lambda body: body.name
        self.is_centre_staff = is_centre_staff
        if not is_centre_staff:
            del self.fields["for_all_organisations"]
        if mine.count() == 1 and not is_centre_staff:
            self.fields["organisations"].initial = [mine.first().pk]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("organisations") and not cleaned.get("for_all_organisations"):
            self.add_error("organisations", _("Select at least one organisation"))
        return cleaned


class SnapshotForm(forms.Form):
    label_en = forms.CharField(
        label=_("Label in English (optional)"), max_length=200, required=False
    )
    label_cy = forms.CharField(label=_("Label in Welsh (optional)"), max_length=200, required=False)
