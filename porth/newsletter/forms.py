"""Subscribing, changing choices and asking for a link: GOV.UK questions with bilingual
messages that keep what was typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField

from .models import MAX_BODY, MAX_EMAIL, MAX_SUBJECT, EmailLanguage, Frequency, Topic

MAX_IMPORT_BYTES = 50 * 1024 * 1024

EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
    "max_length": _("Email address must be %(limit_value)d characters or fewer"),
}


class ChoicesForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("What would you like to hear about?"),
        help_text=_("Select all that apply."),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one topic"),
            "invalid_choice": _("Select at least one topic"),
        },
    )
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how often you want emails"),
            "invalid_choice": _("Select how often you want emails"),
        },
    )
    language = forms.ChoiceField(
        label=_("Which language should your emails be in?"),
        choices=EmailLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the language of your emails"),
            "invalid_choice": _("Select the language of your emails"),
        },
    )


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=MAX_EMAIL,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    field_order = ["email", "topics", "frequency", "language"]


class ManageRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will email a link to this address if it has a subscription."),
        max_length=MAX_EMAIL,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class IssueForm(forms.Form):
    """An issue in both languages. Either language may wait while it is a draft; Porth will not
    send it until both are written."""

    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the topic of the issue")},
    )
    subject_cy = forms.CharField(
        label=_("Subject in Welsh"),
        required=False,
        max_length=MAX_SUBJECT,
        error_messages={"max_length": _("Subject must be %(limit_value)d characters or fewer")},
    )
    body_cy = forms.CharField(
        label=_("Text in Welsh"),
        help_text=_("Plain text. Leave a blank line between paragraphs."),
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": _("Text must be %(limit_value)d characters or fewer")},
    )
    subject_en = forms.CharField(
        label=_("Subject in English"),
        required=False,
        max_length=MAX_SUBJECT,
        error_messages={"max_length": _("Subject must be %(limit_value)d characters or fewer")},
    )
    body_en = forms.CharField(
        label=_("Text in English"),
        help_text=_("Plain text. Leave a blank line between paragraphs."),
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": _("Text must be %(limit_value)d characters or fewer")},
    )


class ScheduleForm(forms.Form):
    send_on = GovukDateField(
        label=_("Send on"),
        help_text=_("Sending starts at 9am on this day. For example, 27 3 2027"),
        allow_future=True,
        error_messages={"required": _("Enter the day to send the issue")},
    )

    def clean_send_on(self):
        day = self.cleaned_data["send_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The day to send must be today or in the future"))
        return day


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of subscribers"),
        help_text=_("Use the columns of the export. Every row needs its consent records."),
        error_messages={
            "required": _("Choose a CSV file"),
            "empty": _("The file is empty"),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 50 MB"))
        return upload
