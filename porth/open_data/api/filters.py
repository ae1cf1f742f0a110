"""How every API endpoint reads its query string: a Django form (ADR 0009, "Filters").

Each list declares a form whose fields are its parameters; `read_filters` answers 400 with the
form's bilingual errors when a value makes no sense, and the form's `apply` narrows the list.
Services and figures use the register list's own form (`forms.OpenDataFilters`), so a
parameter means the same on the page, in a download and in the API. `parameters` describes a
form's fields for the OpenAPI schema, so the documentation cannot drift from the parsing.
"""

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions

from porth.organisations.models import OrganisationType
from porth.register.models import Hosting, TechnologyCategory
from porth.standards import queries as standards
from porth.standards.models import RAG, Phase

from ..reports import STANDARD_NUMBERS

INVALID = _("This is not one of the allowed values.")
CHOICE_ERRORS = {"invalid_choice": INVALID, "invalid": INVALID, "invalid_list": INVALID}


FilterForm = TypeVar("FilterForm", bound=forms.Form)


def read_filters(form_class: type[FilterForm], data: QueryDict) -> FilterForm:
    """The form, filled from the query string and valid; otherwise 400 with its errors."""
    form = form_class(data)
    if not form.is_valid():
        raise exceptions.ValidationError(form.errors)
    return form


class YesNo(forms.NullBooleanField):
    """`true` or `false` (`1` or `0`); anything else is an error, not quietly ignored."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> bool | None:
        text = str(value or "").strip().lower()
        if not text:
            return None
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise ValidationError(_("Enter true or false."), code="invalid")


def choices(values: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(choices=values, required=False, error_messages=CHOICE_ERRORS)


def choice(values: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.TypedChoiceField(
        choices=[("", ""), *values], required=False, error_messages=CHOICE_ERRORS, **kwargs
    )


def parameters(form_class: type[forms.Form]) -> list[OpenApiParameter]:
    """OpenAPI parameters for a filter form's fields (name, type, allowed values, label)."""
    described = []
    for name, field in form_class.base_fields.items():
        enum = [value for value, _label in getattr(field, "choices", []) if value != ""] or None
        many = isinstance(field, forms.MultipleChoiceField)
        kind = (
            OpenApiTypes.BOOL
            if isinstance(field, forms.NullBooleanField)
            else OpenApiTypes.INT
            if isinstance(field, forms.IntegerField) or getattr(field, "coerce", None) is int
            else OpenApiTypes.STR
        )
        described.append(
            OpenApiParameter(
                name, kind, many=many, explode=many or None, enum=enum, description=field.label
            )
        )
    return described


class OrganisationFilters(forms.Form):
    body_type = choices(OrganisationType.choices)
    body_type.label = _("Type of organisation.")

    def apply(self, organisations: QuerySet) -> QuerySet:
        chosen = self.cleaned_data["body_type"]
        return organisations.filter(type__in=chosen) if chosen else organisations


class ServiceAreaFilters(forms.Form):
    is_active = YesNo(required=False, label=_("Areas in use (true) or no longer used (false)."))

    def apply(self, areas: QuerySet) -> QuerySet:
        active = self.cleaned_data["is_active"]
        return areas if active is None else areas.filter(is_active=active)


class TechnologyFilters(forms.Form):
    category = choices(TechnologyCategory.choices)
    category.label = _("Kind of technology.")
    hosting = choice(Hosting.choices, label=_("Where it is hosted."))
    is_open_source = YesNo(required=False, label=_("Open source (true) or not (false)."))

    def apply(self, products: QuerySet) -> QuerySet:
        data = self.cleaned_data
        if data["category"]:
            products = products.filter(category__in=data["category"])
        if data["hosting"]:
            products = products.filter(hosting=data["hosting"])
        if data["is_open_source"] is not None:
            products = products.filter(is_open_source=data["is_open_source"])
        return products


class MeasureFilters(forms.Form):
    is_kpi = YesNo(required=False, label=_("Shared KPIs (true), or other measures (false)."))
    organisation = forms.SlugField(
        required=False,
        label=_("Organisation code (slug): that body's own measures."),
        error_messages={"invalid": INVALID},
    )

    def apply(self, measures: QuerySet) -> QuerySet:
        data = self.cleaned_data
        if data["is_kpi"] is not None:
            measures = measures.filter(is_kpi=data["is_kpi"])
        if data["organisation"]:
            measures = measures.filter(organisation__slug=data["organisation"])
        return measures


class StatisticsFilters(forms.Form):
    body_type = choice(OrganisationType.choices, label=_("Type of organisation."), empty_value=None)
    year = forms.IntegerField(
        required=False,
        min_value=1000,
        max_value=9999,
        label=_("Year reports were published."),
        error_messages={"invalid": INVALID, "min_value": INVALID, "max_value": INVALID},
    )

    def selected(self) -> dict[str, Any]:
        return {"body_type": self.cleaned_data["body_type"], "year": self.cleaned_data["year"]}


class ReportFilters(StatisticsFilters):
    q = forms.CharField(
        required=False,
        label=_("Words in the service's or organisation's name, or a service ID."),
    )
    standard = choice(
        [(number, number) for number in STANDARD_NUMBERS],
        coerce=int,
        empty_value=None,
        label=_("Only reports with an outcome for this standard."),
    )
    outcome = choice(
        RAG.choices,
        empty_value=None,
        label=_("Overall outcome, or with `standard` the outcome for that standard."),
    )
    phase = choice(Phase.choices, empty_value=None, label=_("Phase reviewed."))

    def report_filters(self) -> standards.ReportFilters:
        data = self.cleaned_data
        return standards.ReportFilters(
            standard=data["standard"],
            outcome=data["outcome"],
            phase=data["phase"],
            body_type=data["body_type"],
            year=data["year"],
            query=data["q"].strip()[:100],
        )
