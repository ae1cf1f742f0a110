"""Subscribing, changing choices and asking for a link: GOV.UK questions with bilingual
messages that keep what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_EMAIL, EmailLanguage, Frequency, Topic

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
