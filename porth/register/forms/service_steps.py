"""The question pages an editor answers to add or change a service, and retiring one.

Every message is written for the person filling the form in, in both languages (GOV.UK style:
"Enter…", "Select…"), and every question page can rebuild itself from the session draft.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField, date_data
from porth.core.language import current_language
from porth.organisations.models import Organisation

from ..description import SIMPLE_FIELDS, ServiceField
from ..formatting import format_date
from ..models import (
    Channel,
    Hosting,
    OnlineStep,
    Phase,
    Service,
    ServiceArea,
    TeamRole,
    TechnologyCategory,
    TechnologyProduct,
    UserGroupCode,
)
from ..queries import reference_taken
from ..validation import reference_in_use, validate_phase_date


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

    def __init__(self, *args, organisation: Organisation, service: Service | None = None, **kwargs):
        self.organisation = organisation
        self.service = service  # the service being changed; None while one is being added
        super().__init__(*args, **kwargs)

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        raise NotImplementedError

    def summary(self) -> list[SummaryRow]:
        raise NotImplementedError

    def details(self) -> dict[str, Any]:
        return {}


class DeclaredField(forms.CharField):
    """A text field of the description, tidied as every door tidies it before it is checked."""

    def __init__(self, declared: ServiceField, **kwargs: Any) -> None:
        self.declared = declared
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return self.declared.tidy(super().to_python(value))


def question_field(declared: ServiceField) -> forms.Field:
    """The question-page field of a declared text field: its label, hint and validators, so the
    message for a bad value is the one the import and the API give (`description.py`)."""
    widget = forms.Textarea if declared.kind == "paragraph" else None
    input_type = {"web_address": "url", "email": "email"}.get(declared.kind)
    if input_type:
        widget = forms.TextInput(
            attrs={"type": input_type, "spellcheck": "false", "autocomplete": "off"}
        )
    return DeclaredField(
        declared,
        label=declared.question or declared.label,
        help_text=declared.hint,
        required=declared.required,
        validators=list(declared.validators),
        widget=widget,
        error_messages={"required": declared.required_message} if declared.required else {},
    )


def declared_questions(step: str) -> type[forms.Form]:
    """A form holding the description's text fields asked on the question page `step`, for a
    step form to inherit: they come first on the page, in the order they are declared."""
    fields = {
        declared.name: question_field(declared)
        for declared in SIMPLE_FIELDS
        if declared.step == step
    }
    return type(f"{step.title()}Questions", (forms.Form,), fields)


class DeclaredStep(StepForm):
    """A step whose questions include text fields of the description (`declared_step`)."""

    declared_step = ""

    @classmethod
    def declared(cls) -> list[ServiceField]:
        return [declared for declared in SIMPLE_FIELDS if declared.step == cls.declared_step]

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict(
            {declared.name: [getattr(service, declared.name)] for declared in cls.declared()}
        )

    def summary(self) -> list[SummaryRow]:
        return [
            SummaryRow(declared.summary_label or declared.label, self.cleaned_data[declared.name])
            for declared in self.declared()
        ]

    def details(self) -> dict[str, Any]:
        return {declared.name: self.cleaned_data[declared.name] for declared in self.declared()}


class NameForm(declared_questions("name"), DeclaredStep):  # type: ignore[misc]
    slug = "name"
    declared_step = "name"
    title = _("Name and description")

    def clean_reference(self) -> str:
        """Unique within the body, in the words the import and the API use (ADR 0040)."""
        reference = self.cleaned_data["reference"]
        if reference and reference_taken(
            organisation=self.organisation, reference=reference, service=self.service
        ):
            raise reference_in_use(reference)
        return reference


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
        validators=[validate_phase_date],
        help_text=_("For example, 27 3 2024"),
        error_messages={"required": _("Enter the date the service entered this phase")},
    )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        return MultiValueDict(
            {"phase": [service.phase], **date_data("phase_from", service.phase_since)}
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


class OwnerForm(declared_questions("owner"), DeclaredStep):  # type: ignore[misc]
    slug = "owner"
    declared_step = "owner"
    title = _("Service owner and team")

    team_roles = forms.MultipleChoiceField(
        label=_("Which roles does the team have? (optional)"),
        help_text=_("Select all that apply"),
        choices=TeamRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        data = super().data_from(service)
        data.setlist("team_roles", list(service.team_roles))
        return data

    def summary(self) -> list[SummaryRow]:
        roles = _labels(TeamRole.choices, self.cleaned_data["team_roles"]) or _("None")
        return [*super().summary(), SummaryRow(_("Roles in the team"), roles)]

    def details(self) -> dict[str, Any]:
        return {**super().details(), "team_roles": self.cleaned_data["team_roles"]}


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


class RetireForm(forms.Form):
    retired_on = GovukDateField(
        label=_("When did the service stop?"),
        validators=[validate_phase_date],
        help_text=_("For example, 27 3 2024. It can be today."),
        error_messages={"required": _("Enter the date the service stopped")},
    )
