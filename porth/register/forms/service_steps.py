"""The question pages an editor answers to add or change a service, and retiring one.

Every message is written for the person filling the form in, in both languages (GOV.UK style:
"Enter…", "Select…"), and every question page can rebuild itself from the session draft.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField, date_data
from porth.core.language import current_language
from porth.organisations.models import Organisation

from ..actions import ServiceDetails
from ..description import FIELDS_BY_NAME, SIMPLE_FIELDS, STRUCTURED_FIELDS, ServiceField
from ..formatting import format_date
from ..models import (
    Hosting,
    Phase,
    Service,
    ServiceArea,
    TechnologyCategory,
    TechnologyProduct,
)
from ..queries import reference_taken
from ..structured import Area, Lookups, Partners, Products, Refused
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


class ItemsField(forms.MultipleChoiceField):
    """Boxes (or radios) for one column of a structured field. The values are judged by the
    field's structure in `description.py`, as the import and the API judge them, so a value
    that is not offered gets their message rather than Django's own."""

    def __init__(self, *, many: bool = True, **kwargs: Any) -> None:
        self.many = many
        widget = forms.CheckboxSelectMultiple if many else forms.RadioSelect
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value: Any) -> list[str]:
        if value in self.empty_values:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(item) for item in value]

    def valid_value(self, value: Any) -> bool:
        return True


def structured_questions(step: str) -> type[forms.Form]:
    """A form holding the questions of the description's structured fields asked on the
    question page `step` (their boxes are filled in when the form is made)."""
    fields = {
        question.column: ItemsField(
            many=declared.structure.many,  # type: ignore[union-attr]
            label=question.label,
            help_text=question.hint,
            required=bool(question.required_message),
            error_messages={"required": question.required_message},
        )
        for declared in STRUCTURED_FIELDS
        if declared.step == step
        for question in declared.questions
    }
    return type(f"{step.title()}StructuredQuestions", (forms.Form,), fields)


def _offered(declared: ServiceField, form: "StructuredStep") -> list[tuple[str, Any]]:
    """The boxes a structured field's question offers, as (value, label)."""
    kind = declared.structure
    if isinstance(kind, Area):
        current = form.service.service_area_id if form.service else None
        areas = ServiceArea.objects.filter(Q(is_active=True) | Q(pk=current))
        return [(area.code, area.name) for area in areas.order_by(f"name_{current_language()}")]
    if isinstance(kind, Partners):
        bodies = Organisation.objects.exclude(pk=form.organisation.pk)
        return [(body.slug, body.name) for body in bodies.order_by(f"name_{current_language()}")]
    if isinstance(kind, Products):
        products = TechnologyProduct.objects.order_by("name", "supplier")
        return [(str(product.pk), str(product)) for product in products]
    return list(kind.choices.choices)  # type: ignore[union-attr]


def _form_values(declared: ServiceField, value: Any) -> dict[str, list[str]]:
    """A value as the boxes it ticks (products by ID, everything else by code)."""
    if isinstance(declared.structure, Products):
        return {"technology": [str(product.pk) for product in value]}
    return declared.structure.cells(value)  # type: ignore[union-attr]


def _shown(declared: ServiceField, column: str, value: Any) -> Any:
    """What "Check your answers" shows for one question of a structured field."""
    kind = declared.structure
    if isinstance(kind, Area):
        return value.name
    if isinstance(kind, Partners):
        return [body.name for body in value] or _("None")
    if isinstance(kind, Products):
        return [str(product) for product in value] or _("None")
    labels = dict(kind.choices.choices)  # type: ignore[union-attr]
    return [str(labels[code]) for code in kind.cells(value)[column]] or _("None")  # type: ignore[union-attr]


class StructuredStep(DeclaredStep):
    """A step that asks structured fields of the description (codes, organisations, products,
    channels, steps): their questions, hints and messages are declared there, and their
    answers are read and checked by the same structure as the import's cells and the API's
    values (docs/adr/0048)."""

    @classmethod
    def structured(cls) -> list[ServiceField]:
        return [declared for declared in STRUCTURED_FIELDS if declared.step == cls.declared_step]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = []
        for declared in self.structured():
            choices = _offered(declared, self)
            for question in declared.questions:
                self.fields[question.column].choices = choices
                asked.append(question.column)
        # The description's text questions first, then its structured ones, then the page's own.
        simple = [name for name in self.fields if name in FIELDS_BY_NAME and name not in asked]
        rest = [name for name in self.fields if name not in {*simple, *asked}]
        self.fields = {name: self.fields[name] for name in [*simple, *asked, *rest]}
        self.parsed: dict[str, Any] = {}

    @classmethod
    def data_from(cls, service: Service) -> MultiValueDict:
        data = super().data_from(service)
        details = ServiceDetails.from_service(service)
        for declared in cls.structured():
            for column, values in _form_values(declared, getattr(details, declared.name)).items():
                data.setlist(column, values)
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lookups = Lookups(self.organisation)
        for declared in self.structured():
            columns = [question.column for question in declared.questions]
            if any(column in self.errors for column in columns):
                continue
            given = {column: data.get(column, []) for column in columns}
            if not declared.structure.many:  # type: ignore[union-attr]
                given = {column: (values or [""])[0] for column, values in given.items()}
            current = getattr(self.before, declared.name) if self.before else None
            try:
                self.parsed[declared.name] = declared.structure.parse(  # type: ignore[union-attr]
                    given, lookups=lookups, current=current
                )
            except Refused as refused:
                self.add_error(refused.column, refused.error)
        return data

    @cached_property
    def before(self) -> Any:
        """The service's details before this change, if one is being changed."""
        return ServiceDetails.from_service(self.service) if self.service else None

    def summary(self) -> list[SummaryRow]:
        rows = super().summary()
        for declared in self.structured():
            for question in declared.questions:
                shown = _shown(declared, question.column, self.parsed[declared.name])
                rows.append(SummaryRow(question.summary_label or question.label, shown))
        return rows

    def details(self) -> dict[str, Any]:
        return {**super().details(), **self.parsed}


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


class AreaForm(structured_questions("area"), StructuredStep):  # type: ignore[misc]
    slug = "area"
    declared_step = "area"
    title = _("Service area and users")


class PartnersForm(structured_questions("partners"), StructuredStep):  # type: ignore[misc]
    slug = "partners"
    declared_step = "partners"
    title = _("Partner organisations")


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


class ChannelsForm(structured_questions("channels"), StructuredStep):  # type: ignore[misc]
    slug = "channels"
    declared_step = "channels"
    title = _("Channels")


class OnlineStepsForm(structured_questions("online"), StructuredStep):  # type: ignore[misc]
    """Each step of the service, and which can be done online and which in Welsh."""

    slug = "online"
    declared_step = "online"
    title = _("Steps of the service")


class OwnerForm(  # type: ignore[misc]
    declared_questions("owner"), structured_questions("owner"), StructuredStep
):
    slug = "owner"
    declared_step = "owner"
    title = _("Service owner and team")


class TechnologyForm(structured_questions("technology"), StructuredStep):  # type: ignore[misc]
    slug = "technology"
    declared_step = "technology"
    title = _("Technology")

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
        products = [str(product) for product in self.parsed["technology"]]
        new = self.new_product()
        if new:
            products.append(
                f"{new['name']} ({new['supplier']})" if new["supplier"] else new["name"]
            )
        return [SummaryRow(_("Technology"), products or _("None"))]


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
