"""Forms for panels, meetings, actions and mentoring: bilingual messages, input kept."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField

from .models import Member


def _text(label: Any, message: Any, *, textarea: bool = False, required: bool = True) -> Any:
    return forms.CharField(
        label=label,
        widget=forms.Textarea if textarea else forms.TextInput,
        max_length=None if textarea else 200,
        required=required,
        error_messages={"required": message, "max_length": _("Use 200 characters or fewer")},
    )


def _date(label: Any, message: Any, *, required: bool = True) -> GovukDateField:
    return GovukDateField(
        label=label,
        help_text=_("For example, 14 11 2024"),
        allow_future=True,
        required=required,
        error_messages={"required": message},
    )


class MemberForm(forms.Form):
    name = _text(_("Name"), _("Enter the member's name"))
    profile_en = _text(_("Profile in English"), _("Enter the profile in English"), textarea=True)
    profile_cy = _text(_("Profile in Welsh"), _("Enter the profile in Welsh"), textarea=True)
    profile_is_public = forms.BooleanField(
        label=_("The member agrees to show their profile to the public"), required=False
    )
    term_from = _date(_("Term starts"), _("Enter the date the term starts"))
    term_to = _date(_("Term ends (optional)"), "", required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("term_from") and data.get("term_to") and data["term_to"] < data["term_from"]:
            self.add_error("term_to", _("The term must end after it starts"))
        return data


class MeetingForm(forms.Form):
    held_on = _date(_("Date of the meeting"), _("Enter the date of the meeting"))
    agenda_en = _text(_("Agenda in English"), _("Enter the agenda in English"), textarea=True)
    agenda_cy = _text(_("Agenda in Welsh"), _("Enter the agenda in Welsh"), textarea=True)


class MinutesForm(forms.Form):
    minutes_en = _text(_("Minutes in English"), "", textarea=True, required=False)
    minutes_cy = _text(_("Minutes in Welsh"), "", textarea=True, required=False)
    publish = forms.BooleanField(
        label=_("Publish the minutes"),
        help_text=_("Minutes are published in both languages at once."),
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("publish"):
            if not data.get("minutes_en"):
                self.add_error("minutes_en", _("Enter the minutes in English to publish them"))
            if not data.get("minutes_cy"):
                self.add_error("minutes_cy", _("Enter the minutes in Welsh to publish them"))
        return data


class ActionForm(forms.Form):
    description_en = _text(_("Action in English"), _("Enter the action in English"))
    description_cy = _text(_("Action in Welsh"), _("Enter the action in Welsh"))
    owner = _text(_("Owner"), _("Enter who owns the action"))
    due_on = _date(_("Due date"), _("Enter the due date"))


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return obj.name


class PairForm(forms.Form):
    mentor = MemberChoiceField(
        label=_("Mentor"),
        queryset=None,
        empty_label=_("Select a mentor"),
        error_messages={
            "required": _("Select a mentor"),
            "invalid_choice": _("Select a mentor from the list"),
        },
    )
    apprentice = MemberChoiceField(
        label=_("Apprentice"),
        queryset=None,
        empty_label=_("Select an apprentice"),
        error_messages={
            "required": _("Select an apprentice"),
            "invalid_choice": _("Select an apprentice from the list"),
        },
    )
    starts_on = _date(_("Start date"), _("Enter the start date"))
    ends_on = _date(_("End date (optional)"), "", required=False)

    def __init__(self, *args: Any, mentors: Any, apprentices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["apprentice"].queryset = apprentices

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date must be on or after the start date"))
        return data


class CheckInForm(forms.Form):
    held_on = GovukDateField(
        label=_("Date of the check-in"),
        help_text=_("For example, 14 11 2024"),
        error_messages={"required": _("Enter the date of the check-in")},
    )
    note = _text(_("Note"), _("Enter a note of the check-in"), textarea=True)
