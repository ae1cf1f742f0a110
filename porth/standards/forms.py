"""Forms of the standards app: they clean what people type, nothing more."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField

from .models import RAG, Criterion, Discipline, Phase, Rating, ReviewType

DUE_DATE_INVALID = _("Due date must be a real date, for example 27 3 2027")


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


class ManualFeedbackWrongForm(forms.Form):
    """The short "what was wrong" form shown after "No"; the token names the answer it adds to."""

    token = forms.CharField(widget=forms.HiddenInput)
    path = forms.CharField(max_length=300, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What was wrong with this page?"),
        help_text=_("Do not include personal information, such as your name or email address."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter what was wrong with this page"),
            "max_length": _("Comment must be 2,000 characters or fewer"),
        },
    )
    website = forms.CharField(required=False)


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
    due = GovukDateField(
        label=_("When is it due?"),
        help_text=_("For example, 27 3 2027"),
        allow_future=True,
        min_year=2000,
        error_messages={"required": _("Enter the due date"), "invalid": DUE_DATE_INVALID},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["due_on"] = cleaned.get("due")
        return cleaned


class ReviewRequestForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Which phase should the review look at?"),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the phase the review should look at")},
    )
    preferred_dates = forms.CharField(
        label=_("When could your team take part?"),
        help_text=_("Give two or three dates or weeks that suit the team."),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": _("Enter when your team could take part")},
    )


class ReviewTriageForm(forms.Form):
    review_type = forms.ChoiceField(
        label=_("What kind of review?"),
        choices=ReviewType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of review")},
    )
    date = GovukDateField(
        label=_("Date of the review"),
        help_text=_("For example, 27 3 2027"),
        allow_future=True,
        min_year=2000,
        error_messages={
            "required": _("Enter the date of the review"),
            "invalid": _("Date of the review must be a real date, for example 27 3 2027"),
        },
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["review_date"] = cleaned.get("date")
        return cleaned


class PanelForm(forms.Form):
    assessors = forms.MultipleChoiceField(
        label=_("Who is on the panel?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one assessor")},
    )
    lead = forms.ChoiceField(
        label=_("Who leads the panel?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the lead assessor")},
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].choices = choices
        self.fields["lead"].choices = choices

    def clean(self) -> dict:
        cleaned = super().clean()
        lead, assessors = cleaned.get("lead"), cleaned.get("assessors")
        if lead and assessors is not None and lead not in assessors:
            self.add_error("lead", _("The lead assessor must be on the panel"))
        return cleaned


class StandardOutcomeForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Outcome for this standard"),
        choices=RAG.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select green, amber or red")},
    )
    went_well_en = forms.CharField(
        label=_("What went well, in English"), required=False, widget=forms.Textarea
    )
    went_well_cy = forms.CharField(
        label=_("What went well, in Welsh"), required=False, widget=forms.Textarea
    )
    to_improve_en = forms.CharField(
        label=_("What to improve, in English"), required=False, widget=forms.Textarea
    )
    to_improve_cy = forms.CharField(
        label=_("What to improve, in Welsh"), required=False, widget=forms.Textarea
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("rating") in (RAG.AMBER, RAG.RED):
            if not cleaned.get("to_improve_en", "").strip():
                self.add_error("to_improve_en", _("Enter what to improve, in English"))
            if not cleaned.get("to_improve_cy", "").strip():
                self.add_error("to_improve_cy", _("Enter what to improve, in Welsh"))
        return cleaned


class RecommendationForm(forms.Form):
    standard = forms.TypedChoiceField(
        label=_("Standard"),
        coerce=int,
        error_messages={"required": _("Select the standard")},
    )
    text_en = forms.CharField(
        label=_("Recommendation in English"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the recommendation in English")},
    )
    text_cy = forms.CharField(
        label=_("Recommendation in Welsh"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the recommendation in Welsh")},
    )
    due = GovukDateField(
        label=_("When is it due? (optional)"),
        help_text=_("Leave it empty for 3 months after the review. For example, 27 3 2027"),
        required=False,
        allow_future=True,
        min_year=2000,
        error_messages={"invalid": DUE_DATE_INVALID},
    )

    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [("", "")] + [
            (standard.number, str(standard)) for standard in standards
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["due_on"] = cleaned.get("due")
        return cleaned


class ReportSubmitForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Overall outcome"),
        choices=RAG.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the overall outcome")},
    )
    summary_en = forms.CharField(
        label=_("Summary in English"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the summary in English")},
    )
    summary_cy = forms.CharField(
        label=_("Summary in Welsh"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the summary in Welsh")},
    )


class ReviewResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Do you accept the report?"),
        choices=[
            ("accept", _("Yes, accept it and publish it")),
            ("challenge", _("No, challenge it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you accept the report")},
    )
    reason = forms.CharField(
        label=_("If you challenge it, why?"),
        help_text=_("Say which findings you disagree with and what evidence the panel missed."),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("response") == "challenge" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Enter why you challenge the report"))
        return cleaned


class ChallengeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What happens to the report?"),
        choices=[
            ("uphold", _("Publish the report as it stands")),
            ("reopen", _("Send it back to the panel to revise")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happens to the report")},
    )


class AssessorProfileForm(forms.Form):
    disciplines = forms.MultipleChoiceField(
        label=_("Which disciplines can you assess?"),
        choices=Discipline.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one discipline")},
    )
    works_in_welsh = forms.BooleanField(
        label=_("I can take part in reviews in Welsh"), required=False
    )
    conflicts = forms.ModelMultipleChoiceField(
        label=_("Organisations you have a conflict of interest with"),
        help_text=_(
            "For example, where you work or have worked recently, or a supplier you advise."
        ),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflicts"].queryset = organisations
