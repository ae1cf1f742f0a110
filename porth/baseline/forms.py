"""Opening a round, and the centre's dashboard filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField
from porth.organisations.models import OrganisationType

from .queries import DASHBOARD_SORTS


class RoundForm(forms.Form):
    name_en = forms.CharField(
        label=_("Name of the round in English"),
        max_length=200,
        error_messages={"required": _("Enter the name of the round in English")},
    )
    name_cy = forms.CharField(
        label=_("Name of the round in Welsh"),
        max_length=200,
        error_messages={"required": _("Enter the name of the round in Welsh")},
    )
    period_start = GovukDateField(
        label=_("First day of the period"),
        help_text=_(
            "Figures for months or quarters that start in the period count. For example, 1 4 2025"
        ),
        allow_future=True,
        error_messages={"required": _("Enter the first day of the period")},
    )
    period_end = GovukDateField(
        label=_("Last day of the period"),
        help_text=_("For example, 31 3 2026"),
        allow_future=True,
        error_messages={"required": _("Enter the last day of the period")},
    )
    deadline = GovukDateField(
        label=_("Deadline"),
        help_text=_("Bodies that have not signed off are reminded by email a week before."),
        allow_future=True,
        error_messages={"required": _("Enter the deadline")},
    )
    body_types = forms.MultipleChoiceField(
        label=_("Which types of body take part?"),
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one type of body")},
    )

    def clean(self):
        data = super().clean()
        start, end, deadline = (
            data.get("period_start"),
            data.get("period_end"),
            data.get("deadline"),
        )
        if start and end and end < start:
            self.add_error("period_end", _("The last day of the period must be after the first"))
        if deadline and deadline < timezone.localdate():
            self.add_error("deadline", _("The deadline must be today or in the future"))
        return data


class DashboardForm(forms.Form):
    """Which bodies the centre's table shows and in what order; bad values fall back."""

    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All bodies")),
            ("outstanding", _("Bodies that have not signed off")),
            ("signed_off", _("Bodies that have signed off")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=list(
            zip(
                DASHBOARD_SORTS,
                [_("Name"), _("Progress, most done first"), _("Latest activity first")],
                strict=True,
            )
        ),
    )

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""
