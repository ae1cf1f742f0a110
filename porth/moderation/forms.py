"""Forms: writing, deciding, reporting, a space's setting, a pre-election period."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField

from .models import Mode, Space


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select approve or reject")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter the reason for your decision"),
            "max_length": _("The reason must be 1000 characters or fewer"),
        },
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this comment?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why you are reporting this comment"),
            "max_length": _("The reason must be 1000 characters or fewer"),
        },
    )


class SpaceForm(forms.Form):
    mode = forms.ChoiceField(label=_("Moderation"), choices=Mode.choices, widget=forms.RadioSelect)
    report_threshold = forms.IntegerField(
        label=_("Reports before a comment is hidden"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Enter how many reports hide a comment"),
            "invalid": _("Enter a whole number"),
            "min_value": _("Enter a number from 1 to 100"),
            "max_value": _("Enter a number from 1 to 100"),
        },
    )


class QuietPeriodForm(forms.Form):
    spaces = forms.ModelMultipleChoiceField(
        label=_("Spaces to close"),
        queryset=Space.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one space")},
    )
    starts_on = GovukDateField(label=_("First day"), allow_future=True)
    ends_on = GovukDateField(label=_("Last day"), allow_future=True)
    notice_en = forms.CharField(
        label=_("Notice in English"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the notice in English")},
    )
    notice_cy = forms.CharField(
        label=_("Notice in Welsh"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the notice in Welsh")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day must be the same as or after the first day"))
        return data
