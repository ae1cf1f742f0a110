"""The dashboard's filters and the centre's target form."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import OrganisationType

from .scopes import REGIONS, Filters

MAX_TARGET = Decimal("9999999999")


class FilterForm(forms.Form):
    body_type = forms.ChoiceField(
        label=_("Type of organisation"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
        error_messages={"invalid_choice": _("Choose a type of organisation from the list")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All of Wales")), *REGIONS.items()],
        error_messages={"invalid_choice": _("Choose a region from the list")},
    )

    def filters(self) -> Filters:
        """The chosen filters; a value that is not on the list counts as "all"."""
        if not self.is_valid():
            return Filters()
        return Filters(body_type=self.cleaned_data["body_type"], region=self.cleaned_data["region"])


class TargetForm(forms.Form):
    value = forms.DecimalField(
        label=_("Target"),
        min_value=0,
        max_value=MAX_TARGET,
        decimal_places=1,
        max_digits=11,
        error_messages={
            "required": _("Enter a target"),
            "invalid": _("Enter the target as a number, like 75 or 12.5"),
            "min_value": _("The target must be 0 or more"),
            "max_value": _("The target must be 9,999,999,999 or less"),
            "max_decimal_places": _("Give the target to at most 1 decimal place"),
            "max_digits": _("The target must be 9,999,999,999 or less"),
            "max_whole_digits": _("The target must be 9,999,999,999 or less"),
        },
    )

    def __init__(self, *args, percent: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.percent = percent
        if percent:
            self.fields["value"].help_text = _("A percentage from 0 to 100, like 75 or 12.5")
        else:
            self.fields["value"].help_text = _("A number, like 200")

    def clean_value(self) -> Decimal:
        value = self.cleaned_data["value"]
        if self.percent and value > 100:
            raise forms.ValidationError(_("A percentage target must be 100 or less"))
        return value
