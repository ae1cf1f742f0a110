"""Forms for asking for help, triage, engagements and their timelines: bilingual messages,
and what was typed is kept when something is wrong."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField
from porth.core.language import localised
from porth.organisations import queries as organisations_queries
from porth.register import queries as register_queries

from .models import EntryKind, HelpType, Phase, Theme, Urgency

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_SUFFIXES = (".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", ".png", ".jpg")


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{localised(obj, 'name')} ({obj.public_id})"


class ReviewChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(service)s (%(id)s): %(phase)s review, %(status)s") % {
            "service": localised(obj.service, "name"),
            "id": obj.service.public_id,
            "phase": obj.get_phase_display(),
            "status": obj.get_status_display().lower(),
        }


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localised(obj, "name")


class OneOrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localised(obj, "name")


class HelpRequestForm(forms.Form):
    problem = forms.CharField(
        label=_("What is the problem?"),
        help_text=_("Say what is going wrong, for whom, and what you have tried."),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": _("Describe the problem"),
            "max_length": _("The problem must be 5,000 characters or fewer"),
        },
    )
    services = ServiceChoiceField(
        label=_("Which of your services does it affect?"),
        help_text=_("From your organisation's entries in the register. Select all that apply."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select services from the list")},
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how urgent it is")},
    )
    help_type = forms.ChoiceField(
        label=_("What help do you want?"),
        choices=HelpType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the help you want")},
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = services
        self.fields["services"].error_messages["invalid_pk_value"] = _(
            "Select services from the list"
        )


class Decision:
    ACCEPT = "accept"
    DECLINE = "decline"
    REFER = "refer"


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (Decision.ACCEPT, _("Accept: start an engagement")),
            (Decision.DECLINE, _("Decline")),
            (Decision.REFER, _("Refer elsewhere")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select your decision")},
    )
    title_en = forms.CharField(
        label=_("If you accept: the engagement's title in English"),
        max_length=200,
        required=False,
    )
    title_cy = forms.CharField(
        label=_("If you accept: the engagement's title in Welsh"),
        max_length=200,
        required=False,
    )
    theme = forms.ChoiceField(
        label=_("If you accept: theme"),
        choices=[("", _("Select a theme")), *Theme.choices],
        required=False,
    )
    referred_to = forms.CharField(
        label=_("If you refer: who can help instead"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("If you decline or refer: the reason"),
        help_text=_("The requester reads this."),
        widget=forms.Textarea,
        max_length=3000,
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        decision = data.get("decision")
        if decision == Decision.ACCEPT:
            if not data.get("title_en"):
                self.add_error("title_en", _("Enter the engagement's title in English"))
            if not data.get("title_cy"):
                self.add_error("title_cy", _("Enter the engagement's title in Welsh"))
            if not data.get("theme"):
                self.add_error("theme", _("Select a theme"))
        if decision in (Decision.DECLINE, Decision.REFER) and not data.get("reason"):
            self.add_error("reason", _("Enter the reason"))
        if decision == Decision.REFER and not data.get("referred_to"):
            self.add_error("referred_to", _("Enter who can help instead"))
        return data


def _text(label: Any, message: Any, *, textarea: bool = False, required: bool = True) -> Any:
    return forms.CharField(
        label=label,
        widget=forms.Textarea if textarea else forms.TextInput,
        max_length=None if textarea else 200,
        required=required,
        error_messages={"required": message, "max_length": _("Use 200 characters or fewer")},
    )


class EngagementForm(forms.Form):
    title_en = _text(_("Title in English"), _("Enter the title in English"))
    title_cy = _text(_("Title in Welsh"), _("Enter the title in Welsh"))
    problem_en = _text(
        _("Problem statement in English"),
        _("Enter the problem statement in English"),
        textarea=True,
    )
    problem_cy = _text(
        _("Problem statement in Welsh"), _("Enter the problem statement in Welsh"), textarea=True
    )
    goals_en = _text(_("Goals in English"), _("Enter the goals in English"), textarea=True)
    goals_cy = _text(_("Goals in Welsh"), _("Enter the goals in Welsh"), textarea=True)
    theme = forms.ChoiceField(
        label=_("Theme"),
        choices=Theme.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a theme")},
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a phase")},
    )
    starts_on = GovukDateField(
        label=_("Start date"),
        help_text=_("For example, 3 4 2024"),
        allow_future=True,
        error_messages={"required": _("Enter the start date")},
    )
    ends_on = GovukDateField(
        label=_("End date (optional)"),
        help_text=_("For example, 31 3 2025"),
        allow_future=True,
        required=False,
    )
    partners = OrganisationChoiceField(
        label=_("Partner bodies"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select partner bodies from the list")},
    )
    service_ids = forms.CharField(
        label=_("Services in the register (optional)"),
        help_text=_("Service IDs separated by commas, for example SRV-000123"),
        required=False,
        max_length=1000,
    )
    reviews = ReviewChoiceField(
        label=_("Standards reviews (optional)"),
        help_text=_(
            "Reviews of this engagement's services and of its partner bodies' services. "
            "Save new services or partners first to see their reviews here."
        ),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select reviews from the list")},
    )
    outcomes_en = _text(_("Outcomes in English (optional)"), "", textarea=True, required=False)
    outcomes_cy = _text(_("Outcomes in Welsh (optional)"), "", textarea=True, required=False)
    is_public = forms.BooleanField(
        label=_("Show this engagement to the public"),
        help_text=_("Only timeline entries marked public are shown with it."),
        required=False,
    )

    def __init__(self, *args: Any, reviews: Any = None, **kwargs: Any):
        """`reviews`: the standards reviews that may be linked; None (a new engagement, with no
        services yet) leaves the question out."""
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = organisations_queries.organisations_for_list()
        if reviews is None:
            del self.fields["reviews"]
        else:
            self.fields["reviews"].queryset = reviews
            self.fields["reviews"].error_messages["invalid_pk_value"] = _(
                "Select reviews from the list"
            )

    def clean_service_ids(self) -> list:
        services = []
        wrong = []
        for raw in self.cleaned_data["service_ids"].replace(";", ",").split(","):
            public_id = raw.strip().upper()
            if not public_id:
                continue
            service = register_queries.service_for_page(public_id)
            if service is None:
                wrong.append(public_id)
            else:
                services.append(service)
        if wrong:
            raise forms.ValidationError(
                _("There is no service in the register with the ID %(ids)s"),
                params={"ids": ", ".join(wrong)},
            )
        return services

    def clean(self) -> dict:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must be on or after the start date"))
        return data


class SquadMemberForm(forms.Form):
    name = _text(_("Name"), _("Enter the person's name"))
    role_en = _text(_("Role in English"), _("Enter the role in English"))
    role_cy = _text(_("Role in Welsh"), _("Enter the role in Welsh"))
    organisation = OneOrganisationField(
        label=_("Where they work"),
        queryset=None,
        required=False,
        empty_label=_("The centre"),
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_queries.organisations_for_list()


class TimelineEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you adding?"),
        choices=EntryKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what you are adding")},
    )
    happened_on = GovukDateField(
        label=_("Date"),
        help_text=_("For example, 14 11 2024"),
        allow_future=True,
        error_messages={"required": _("Enter the date")},
    )
    title_en = _text(_("Title in English"), _("Enter the title in English"))
    title_cy = _text(_("Title in Welsh"), _("Enter the title in Welsh"))
    text_en = _text(_("Text in English"), _("Enter the text in English"), textarea=True)
    text_cy = _text(_("Text in Welsh"), _("Enter the text in Welsh"), textarea=True)
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        help_text=_("A PDF, document, spreadsheet, slides or image, smaller than 10 MB"),
        required=False,
        error_messages={"empty": _("The selected file is empty")},
    )
    is_public = forms.BooleanField(
        label=_("Show this to the public"),
        help_text=_("Leave this unticked to keep it to the centre and the partner bodies."),
        required=False,
    )

    def __init__(self, *args: Any, notes_only: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if notes_only:
            self.fields["kind"].choices = [(EntryKind.NOTE.value, EntryKind.NOTE.label)]
            self.fields["kind"].initial = EntryKind.NOTE.value

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload is None:
            return None
        if not upload.name.lower().endswith(ATTACHMENT_SUFFIXES):
            raise forms.ValidationError(
                _("The file must be a PDF, document, spreadsheet, slides or image")
            )
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 10 MB"))
        return upload
