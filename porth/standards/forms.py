"""Forms of the standards app: they clean what people type, nothing more."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Phase, Rating


class ManualFeedbackForm(forms.Form):
    """ "Is this page useful?" with an optional comment and a honeypot for spam robots."""

    page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    path = forms.CharField(max_length=300, widget=forms.HiddenInput)
    useful = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={"required": _("Select yes if this page is useful")},
    )
    comment = forms.CharField(
        label=_("How could we improve this page? (optional)"),
        help_text=_("Do not include personal information, such as your name or email address."),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Comment must be 2,000 characters or fewer")},
    )
    # People never see this field; robots that fill in every field do.
    website = forms.CharField(required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class SelfAssessmentStartForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Which phase is the service in?"),
        help_text=_(
            "Choose the phase the service is really in; phases do not have to be in order."
        ),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the phase the service is in")},
    )


class AnswerForm(forms.Form):
    """One criterion's answer; every field may be left empty until the team submits."""

    rating = forms.ChoiceField(choices=Rating.choices, required=False, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Evidence (optional)"),
        help_text=_("What shows this? Keep it short; link to documents rather than copying them."),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Evidence must be 5,000 characters or fewer")},
    )
    links = forms.CharField(
        label=_("Links to evidence (optional)"),
        help_text=_("One web address a line, for example https://example.gov.wales/report"),
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, criterion: Criterion, **kwargs):
        kwargs.setdefault("prefix", f"criterion-{criterion.pk}")
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        self.fields["rating"].label = criterion.text

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError as error:
                raise ValidationError(
                    _("Enter each link as a full web address, starting with https://")
                ) from error
        return "\n".join(lines)


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("What needs to be done?"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter what needs to be done"),
            "max_length": _("What needs to be done must be 2,000 characters or fewer"),
        },
    )
    owner = forms.CharField(
        label=_("Who will do it?"),
        help_text=_("A name or a role, for example ‘Service owner’."),
        max_length=200,
        error_messages={
            "required": _("Enter who will do it"),
            "max_length": _("Who will do it must be 200 characters or fewer"),
        },
    )
    # GOV.UK's date input: three boxes, checked together so there is one error message.
    due_day = forms.CharField(label=_("Day"), required=False, max_length=2)
    due_month = forms.CharField(label=_("Month"), required=False, max_length=2)
    due_year = forms.CharField(label=_("Year"), required=False, max_length=4)

    def clean(self) -> dict:
        cleaned = super().clean()
        parts = [cleaned.get(f"due_{part}", "").strip() for part in ("day", "month", "year")]
        if not any(parts):
            self.add_error("due_day", _("Enter the due date"))
            return cleaned
        try:
            day, month, year = (int(part) for part in parts)
            cleaned["due_on"] = date(year, month, day)
        except ValueError:
            self.add_error("due_day", _("Due date must be a real date, for example 27 3 2027"))
            return cleaned
        if not 2000 <= year <= 2100:
            self.add_error("due_day", _("Due date must be a real date, for example 27 3 2027"))
        return cleaned
