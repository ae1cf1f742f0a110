"""Forms of the register: the service question pages, figures, service areas and the filters.

Every message is written for the person filling the form in, in both languages (GOV.UK style:
"Enter…", "Select…"), and every question page can rebuild itself from the session draft.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from porth.core.language import current_language
from porth.organisations.models import Organisation, OrganisationType

from .formatting import format_date
from .models import (
    Channel,
    Hosting,
    Measure,
    OnlineStep,
    PeriodType,
    Phase,
    Service,
    ServiceArea,
    TeamRole,
    TechnologyCategory,
    TechnologyProduct,
    Unit,
    UserGroupCode,
    WelshAvailability,
)
from .queries import ServiceFilters

# --- A GOV.UK date input ----------------------------------------------------------------------


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
        if year < 1900:
            raise forms.ValidationError(_("The year must include 4 numbers"), code="invalid")
        if not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past"), code="future")
        return value


def _date_data(name: str, value: datetime.date | None) -> dict[str, list[str]]:
    if value is None:
        return {}
    return {
        f"{name}_day": [str(value.day)],
        f"{name}_month": [str(value.month)],
        f"{name}_year": [str(value.year)],
    }


# --- The question pages -----------------------------------------------------------------------


@dataclass
class SummaryRow:
    label: Any
    value: Any  # a string, or a list shown as a list

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


def _labels(choices, selected) -> list[str]:
    return [str(label) for code, label in choices if code in selected]


class StepForm(forms.Form):
    """A question page of the service journey.

    `slug` names it in URLs and in the draft; `title` is its heading. `data_from(service)`
    gives the answers an existing service already has, `summary()` the rows for "Check your
    answers", and `details()` what it contributes to `actions.ServiceDetails`.
    """

    slug = ""
    title: Any = ""
    do_not_call_in_templates = True  # templates read `step.title` from the class itself

    def __init__(self, *args, organisation: Organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        raise NotImplementedError

    def summary(self) -> list[SummaryRow]:
        raise NotImplementedError

    def details(self) -> dict[str, Any]:
        return {}


class NameForm(StepForm):
    slug = "name"
    title = _("Name and description")

    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        help_text=_("Start with a verb, as users would describe the task, like 'Pay council tax'"),
        error_messages={"required": _("Enter the name of the service in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=200,
        help_text=_("For example, 'Talu treth gyngor'"),
        error_messages={"required": _("Enter the name of the service in Welsh")},
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter a description of the service in English")},
    )
    description_cy = forms.CharField(
        label=_("Description in Welsh"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter a description of the service in Welsh")},
    )
    url_en = forms.URLField(
        label=_("Web address in English (optional)"),
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={
            "invalid": _(
                "Enter a web address in the correct format, like https://www.example.gov.uk"
            )
        },
    )
    url_cy = forms.URLField(
        label=_("Web address in Welsh (optional)"),
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={
            "invalid": _(
                "Enter a web address in the correct format, like https://www.example.gov.uk"
            )
        },
    )

    FIELDS = ("name_en", "name_cy", "description_en", "description_cy", "url_en", "url_cy")

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict({name: [getattr(service, name)] for name in cls.FIELDS})

    SUMMARY_LABELS = {
        "name_en": _("Name in English"),
        "name_cy": _("Name in Welsh"),
        "description_en": _("Description in English"),
        "description_cy": _("Description in Welsh"),
        "url_en": _("Web address in English"),
        "url_cy": _("Web address in Welsh"),
    }

    def summary(self) -> list[SummaryRow]:
        data = self.cleaned_data
        return [SummaryRow(label, data[name]) for name, label in self.SUMMARY_LABELS.items()]

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class AreaForm(StepForm):
    slug = "area"
    title = _("Service area and users")

    service_area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select the service area")},
    )
    users_served = forms.MultipleChoiceField(
        label=_("Who uses the service?"),
        help_text=_("Select all that apply"),
        choices=UserGroupCode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select who uses the service")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Q(is_active=True)
        chosen = str(self.data.get("service_area", "")) if self.is_bound else ""
        if chosen.isdigit():
            # An area withdrawn since the service chose it stays valid for that service.
            offered |= Q(pk=int(chosen))
        self.fields["service_area"].queryset = ServiceArea.objects.filter(offered).order_by(
            f"name_{current_language()}"
        )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict(
            {
                "service_area": [str(service.service_area_id)],
                "users_served": [group.code for group in service.users_served.all()],
            }
        )

    def summary(self) -> list[SummaryRow]:
        return [
            SummaryRow(_("Service area"), self.cleaned_data["service_area"].name),
            SummaryRow(
                _("Users served"),
                _labels(UserGroupCode.choices, self.cleaned_data["users_served"]),
            ),
        ]

    def details(self) -> dict[str, Any]:
        return {
            "service_area": self.cleaned_data["service_area"],
            "users_served": self.cleaned_data["users_served"],
        }


class PartnersForm(StepForm):
    slug = "partners"
    title = _("Partner organisations")

    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Which other organisations run this service with you? (optional)"),
        help_text=_("Select all that apply. Leave them all unselected if no one else does."),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partner_organisations"]
        field.queryset = Organisation.objects.exclude(pk=self.organisation.pk).order_by(
            f"name_{current_language()}"
        )
        field.label_from_instance = lambda organisation: organisation.name

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict(
            {"partner_organisations": [str(o.pk) for o in service.partner_organisations.all()]}
        )

    def summary(self) -> list[SummaryRow]:
        partners = self.cleaned_data["partner_organisations"]
        return [
            SummaryRow(
                _("Partner organisations"),
                [partner.name for partner in partners] or _("None"),
            )
        ]

    def details(self) -> dict[str, Any]:
        return {"partner_organisations": list(self.cleaned_data["partner_organisations"])}


class PhaseForm(StepForm):
    slug = "phase"
    title = _("Phase")

    phase = forms.ChoiceField(
        label=_("What phase is the service in?"),
        choices=[(code, label) for code, label in Phase.choices if code != Phase.RETIRED],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the phase the service is in")},
    )
    phase_from = GovukDateField(
        label=_("When did it enter this phase?"),
        help_text=_("For example, 27 3 2024"),
        error_messages={"required": _("Enter the date the service entered this phase")},
    )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict(
            {"phase": [service.phase], **_date_data("phase_from", service.phase_since)}
        )

    def summary(self) -> list[SummaryRow]:
        return [
            SummaryRow(_("Phase"), Phase(self.cleaned_data["phase"]).label),
            SummaryRow(_("In this phase since"), format_date(self.cleaned_data["phase_from"])),
        ]


class ChannelsForm(StepForm):
    slug = "channels"
    title = _("Channels")

    channels = forms.MultipleChoiceField(
        label=_("How can people use the service?"),
        help_text=_("Select all that apply"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one way people can use the service")},
    )
    welsh_channels = forms.MultipleChoiceField(
        label=_("Which of these can people use in Welsh?"),
        help_text=_("Select all that work fully in Welsh. Leave them unselected if none do."),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        channels = sorted(service.channels.all(), key=lambda channel: channel.position)
        return MultiValueDict(
            {
                "channels": [c.channel for c in channels],
                "welsh_channels": [c.channel for c in channels if c.is_available_in_welsh],
            }
        )

    def clean(self):
        data = super().clean()
        extra = set(data.get("welsh_channels", [])) - set(data.get("channels", []))
        if "channels" in data and extra:
            self.add_error(
                "welsh_channels",
                _("Only select channels in Welsh that the service offers"),
            )
        return data

    def summary(self) -> list[SummaryRow]:
        welsh = set(self.cleaned_data["welsh_channels"])
        channels = self.cleaned_data["channels"]
        return [
            SummaryRow(_("Channels"), _labels(Channel.choices, channels)),
            SummaryRow(_("Channels in Welsh"), _labels(Channel.choices, welsh) or _("None")),
        ]

    def details(self) -> dict[str, Any]:
        welsh = set(self.cleaned_data["welsh_channels"])
        return {"channels": {code: code in welsh for code in self.cleaned_data["channels"]}}


class OnlineStepsForm(StepForm):
    slug = "online"
    title = _("Steps people can do online")

    online_steps = forms.MultipleChoiceField(
        label=_("Which steps can people do fully online?"),
        help_text=_("Select all that apply. Leave them unselected if none can be done online."),
        choices=OnlineStep.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict({"online_steps": list(service.online_steps)})

    def summary(self) -> list[SummaryRow]:
        steps = _labels(OnlineStep.choices, self.cleaned_data["online_steps"])
        return [SummaryRow(_("Steps that can be done online"), steps or _("None"))]

    def details(self) -> dict[str, Any]:
        return {"online_steps": self.cleaned_data["online_steps"]}


class OwnerForm(StepForm):
    slug = "owner"
    title = _("Service owner and team")

    owner_name = forms.CharField(
        label=_("Service owner's name"),
        max_length=200,
        help_text=_("Only people in your organisation and centre staff can see the owner"),
        error_messages={"required": _("Enter the service owner's name")},
    )
    owner_role = forms.CharField(
        label=_("Their job title (optional)"), max_length=200, required=False
    )
    owner_email = forms.EmailField(
        label=_("Their email address"),
        error_messages={
            "required": _("Enter the service owner's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    team_roles = forms.MultipleChoiceField(
        label=_("Which roles does the team have? (optional)"),
        help_text=_("Select all that apply"),
        choices=TeamRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict(
            {
                "owner_name": [service.owner_name],
                "owner_role": [service.owner_role],
                "owner_email": [service.owner_email],
                "team_roles": list(service.team_roles),
            }
        )

    def summary(self) -> list[SummaryRow]:
        data = self.cleaned_data
        return [
            SummaryRow(_("Service owner"), data["owner_name"]),
            SummaryRow(_("Their job title"), data["owner_role"]),
            SummaryRow(_("Their email address"), data["owner_email"]),
            SummaryRow(
                _("Roles in the team"), _labels(TeamRole.choices, data["team_roles"]) or _("None")
            ),
        ]

    def details(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("owner_name", "owner_role", "owner_email", "team_roles")
        }


class TechnologyForm(StepForm):
    slug = "technology"
    title = _("Technology")

    technology = forms.ModelMultipleChoiceField(
        label=_("Which products does the service use? (optional)"),
        help_text=_("Select all that apply"),
        queryset=TechnologyProduct.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    new_product_name = forms.CharField(
        label=_("Product name"),
        max_length=150,
        required=False,
        help_text=_("If a product is not in the list, add it here"),
    )
    new_product_supplier = forms.CharField(
        label=_("Supplier (optional)"), max_length=150, required=False
    )
    new_product_category = forms.ChoiceField(
        label=_("Category"), choices=TechnologyCategory.choices, initial="other", required=False
    )
    new_product_hosting = forms.ChoiceField(
        label=_("Hosting"), choices=Hosting.choices, initial=Hosting.UNKNOWN, required=False
    )
    new_product_open_source = forms.BooleanField(label=_("It is open source"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technology"].queryset = TechnologyProduct.objects.order_by("name", "supplier")

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict({"technology": [str(p.pk) for p in service.technology.all()]})

    def clean(self):
        data = super().clean()
        if not data.get("new_product_name") and data.get("new_product_supplier"):
            self.add_error("new_product_name", _("Enter the name of the product"))
        return data

    def new_product(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("new_product_name"):
            return None
        return {
            "name": data["new_product_name"],
            "supplier": data["new_product_supplier"],
            "category": data["new_product_category"] or TechnologyCategory.OTHER,
            "hosting": data["new_product_hosting"] or Hosting.UNKNOWN,
            "is_open_source": data["new_product_open_source"],
        }

    def summary(self) -> list[SummaryRow]:
        products = [str(product) for product in self.cleaned_data["technology"]]
        new = self.new_product()
        if new:
            products.append(
                f"{new['name']} ({new['supplier']})" if new["supplier"] else new["name"]
            )
        return [SummaryRow(_("Technology"), products or _("None"))]

    def details(self) -> dict[str, Any]:
        return {"technology": list(self.cleaned_data["technology"])}


SERVICE_STEPS: list[type[StepForm]] = [
    NameForm,
    AreaForm,
    PartnersForm,
    PhaseForm,
    ChannelsForm,
    OnlineStepsForm,
    OwnerForm,
    TechnologyForm,
]
STEPS_BY_SLUG = {step.slug: step for step in SERVICE_STEPS}


# --- Retiring, figures and service areas ------------------------------------------------------


class RetireForm(forms.Form):
    retired_on = GovukDateField(
        label=_("When did the service stop?"),
        help_text=_("For example, 27 3 2024. It can be today."),
        error_messages={"required": _("Enter the date the service stopped")},
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


class ServiceAreaForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Lower-case letters, numbers and hyphens; used in imports and the API"),
        error_messages={
            "required": _("Enter a code"),
            "invalid": _("Use only lower-case letters, numbers and hyphens in the code"),
        },
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=120,
        error_messages={"required": _("Enter the name in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=120,
        error_messages={"required": _("Enter the name in Welsh")},
    )
    is_active = forms.BooleanField(
        label=_("Editors can choose this area"), required=False, initial=True
    )

    def __init__(self, *args, area: ServiceArea | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        if area is not None:
            del self.fields["code"]  # codes never change: imports and the API rely on them

    def clean_code(self):
        code = self.cleaned_data["code"].lower()
        if ServiceArea.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A service area with this code already exists"))
        return code


# --- Filtering the register -------------------------------------------------------------------


class ServiceFilterForm(forms.Form):
    """The register's search box, filters and sort, read from the query string."""

    q = forms.CharField(label=_("Search the register"), required=False, max_length=200)
    organisation = forms.MultipleChoiceField(label=_("Organisation"), required=False)
    body_type = forms.MultipleChoiceField(
        label=_("Type of organisation"),
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    area = forms.MultipleChoiceField(
        label=_("Service area"), widget=forms.CheckboxSelectMultiple, required=False
    )
    phase = forms.MultipleChoiceField(
        label=_("Phase"), choices=Phase.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    channel = forms.MultipleChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    welsh = forms.MultipleChoiceField(
        label=_("Availability in Welsh"),
        choices=WelshAvailability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    users = forms.MultipleChoiceField(
        label=_("Users served"),
        choices=UserGroupCode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    retired = forms.BooleanField(label=_("Include retired services"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("relevance", _("Relevance")),
            ("name", _("Name")),
            ("updated", _("Recently updated")),
            ("organisation", _("Organisation")),
        ],
    )

    def __init__(self, *args, areas, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(area.code, area.name) for area in areas]
        self.fields["organisation"].choices = [
            (organisation.slug, organisation.name) for organisation in organisations
        ]

    def filters(self) -> ServiceFilters:
        """What to show; a value in the URL that makes no sense is ignored, not an error."""
        self.is_valid()
        data = self.cleaned_data
        return ServiceFilters(
            query=data.get("q") or "",
            organisations=data.get("organisation") or [],
            body_types=data.get("body_type") or [],
            areas=data.get("area") or [],
            phases=data.get("phase") or [],
            channels=data.get("channel") or [],
            welsh=data.get("welsh") or [],
            users=data.get("users") or [],
            include_retired=bool(data.get("retired")),
            sort=data.get("sort") or "",
        )
