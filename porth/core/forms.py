"""Forms that belong to no domain: the component gallery's example forms."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .dates import GovukDateField


class ComponentGalleryForm(forms.Form):
    """One field of every widget that components/field.html renders, with GOV.UK messages."""

    full_name = forms.CharField(
        label=_("Full name"),
        help_text=_("For example, Siân Williams"),
        error_messages={"required": _("Enter your full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, required=False)
    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=_("Do not include personal information."),
        widget=forms.Textarea,
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=[("name", _("Name")), ("date", _("Date"))], required=False
    )
    contact = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=[("email", _("By email")), ("phone", _("By phone")), ("post", _("By post"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like us to contact you")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Which topics interest you?"),
        help_text=_("Select all that apply."),
        choices=[
            ("accessibility", _("Accessibility")),
            ("research", _("User research")),
            ("welsh", _("Welsh language")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(
        label=_("I agree to the terms and conditions"),
        error_messages={"required": _("Confirm that you agree to the terms and conditions")},
    )
    attachment = forms.FileField(label=_("Upload a file"), required=False)


def example_answers() -> dict:
    """Answers with four mistakes, so the gallery shows every kind of error and kept value."""
    return {
        "full_name": "",
        "email": "not-an-email",
        "description": gettext("The page would not load."),
        "sort": "date",
        "topics": ["accessibility"],
    }


class DateExampleForm(forms.Form):
    """The shared date input, shown in the gallery with its month left out."""

    when = GovukDateField(
        label=_("When did it happen?"),
        help_text=_("For example, 27 3 2024"),
        error_messages={"required": _("Enter the date it happened")},
    )


def example_date_answers() -> dict:
    return {"when_day": "27", "when_month": "", "when_year": "2024"}
