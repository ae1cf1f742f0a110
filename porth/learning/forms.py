"""Forms for learning pages: catalogue filters (in the URL), booking questions, reasons."""

import csv
import io
import zipfile
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from porth.core.dates import GovukDateField
from porth.core.language import current_language

from .models import Audience, DeliveryLanguage, Format, MaterialKind, RoleCategory, Topic
from .queries import CatalogueFilters


def _any(choices: list[tuple[str, Any]], label) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, read from the query string so a filtered list can be shared."""

    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=_any(Topic.choices, _("Any topic"))
    )
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=_any(Audience.choices, _("Any audience"))
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=_any(DeliveryLanguage.choices, _("Any language")),
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=_any(Format.choices, _("Any format"))
    )
    date_from = GovukDateField(
        label=_("From"),
        required=False,
        allow_future=True,
        min_year=2020,
        help_text=_("For example, 27 3 2027"),
    )
    date_to = GovukDateField(
        label=_("To"),
        required=False,
        allow_future=True,
        min_year=2020,
        help_text=_("For example, 27 3 2027"),
    )
    places_left = forms.BooleanField(label=_("Only sessions with places left"), required=False)
    skill = forms.SlugField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", _("The ‘to’ date must be the same as or after the ‘from’ date")
            )
        return cleaned

    def filters(self) -> CatalogueFilters:
        """The valid filters; a filter with a mistake in it is left out (and shown as an error)."""
        self.is_valid()  # a field with a mistake drops out of cleaned_data
        data = self.cleaned_data
        return CatalogueFilters(
            topic=data.get("topic") or "",
            audience=data.get("audience") or "",
            language=data.get("language") or "",
            format=data.get("format") or "",
            skill=data.get("skill") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            places_left=bool(data.get("places_left")),
        )


class BookingForm(forms.Form):
    """The booking questions: role (when not known yet), language, access needs, and the
    course's own questions."""

    role_category = forms.ChoiceField(
        label=_("Which best describes your role?"),
        choices=RoleCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the option that best describes your role")},
    )
    participation_language = forms.ChoiceField(
        label=_("Which language do you want to take part in?"),
        choices=DeliveryLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language you want to take part in")},
    )
    access_needs = forms.CharField(
        label=_("Do you have any access needs? (optional)"),
        help_text=_(
            "For example, captions, a British Sign Language interpreter or step-free access. "
            "We delete this 30 days after the session."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Access needs must be 2,000 characters or fewer")},
    )

    def __init__(self, *args: Any, questions: list[dict], ask_role: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not ask_role:
            del self.fields["role_category"]
        language = current_language()
        self.question_names = []
        for number, question in enumerate(questions, start=1):
            name = f"question_{number}"
            self.fields[name] = forms.CharField(
                label=question.get(language) or question.get("en", ""),
                required=False,
                max_length=1000,
                widget=forms.Textarea,
                error_messages={"max_length": _("Your answer must be 1,000 characters or fewer")},
            )
            self.question_names.append(name)

    def extra_answers(self) -> list[str]:
        return [self.cleaned_data.get(name, "") for name in self.question_names]


class MoveUpForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you moving this person up?"),
        help_text=_("For example, their organisation has nobody trained yet. The reason is kept."),
        max_length=500,
        error_messages={
            "required": _("Enter the reason for moving this person up"),
            "max_length": _("The reason must be 500 characters or fewer"),
        },
    )


class AttendanceForm(forms.Form):
    """The register: tick everyone who came. Plain checkboxes, so it works on a phone without
    JavaScript."""

    attended = forms.TypedMultipleChoiceField(
        label=_("Who came?"),
        help_text=_("Select everyone who came. Anyone not selected is recorded as not coming."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, bookings: list, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (booking.pk, f"{booking.person} ({booking.person.email})") for booking in bookings
        ]
        if not self.is_bound:
            self.initial["attended"] = [b.pk for b in bookings if b.attended]


class AttendanceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a register"),
        help_text=_(
            "A CSV or XLSX file with the columns ‘email’ and ‘attended’ (yes or no). "
            "Nothing is saved unless every row is right."
        ),
        error_messages={"required": _("Select a CSV or XLSX file")},
    )

    def clean_file(self) -> list[dict[str, str]]:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        try:
            if name.endswith(".csv"):
                text = upload.read().decode("utf-8-sig")
                reader = csv.DictReader(io.StringIO(text))
                return [
                    {str(k).strip().lower(): (v or "") for k, v in row.items() if k}
                    for row in reader
                ]
            if name.endswith(".xlsx"):
                sheet = load_workbook(upload, read_only=True, data_only=True).active
                lines = list(sheet.iter_rows(values_only=True))
                if not lines:
                    return []
                header = [str(cell or "").strip().lower() for cell in lines[0]]
                return [
                    {
                        key: "" if cell is None else str(cell)
                        for key, cell in zip(header, line, strict=False)
                    }
                    for line in lines[1:]
                    if any(cell not in (None, "") for cell in line)
                ]
        except (UnicodeDecodeError, csv.Error, ValueError, KeyError, zipfile.BadZipFile) as error:
            raise forms.ValidationError(
                _("The file could not be read. Save it as CSV (UTF-8) or XLSX and try again.")
            ) from error
        raise forms.ValidationError(_("The file must be a CSV or XLSX file"))


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how would you rate the session?"),
        help_text=_("1 is very poor and 5 is very good."),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a rating from 1 to 5")},
    )
    was_useful = forms.ChoiceField(
        label=_("Was it useful for your work?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if it was useful for your work")},
    )
    would_recommend = forms.ChoiceField(
        label=_("Would you recommend it to a colleague?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you would recommend it")},
    )
    comments = forms.CharField(
        label=_("Anything else you want to tell the organisers? (optional)"),
        help_text=_("Only the organisers read this."),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Your comments must be 2,000 characters or fewer")},
    )


class MaterialForm(forms.Form):
    """A recording, slides or captions for the people who came: a link, with its language."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=MaterialKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the material is")},
    )
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        error_messages={
            "required": _("Enter the title in English"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    title_cy = forms.CharField(
        label=_("Title in Welsh"),
        max_length=200,
        error_messages={
            "required": _("Enter the title in Welsh"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    url = forms.URLField(
        label=_("Web address of the material"),
        help_text=_("Where people can watch or download it, starting https://"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Enter the link"),
            "invalid": _("Enter a link in the right format, like https://example.org/recording"),
            "max_length": _("The link must be 500 characters or fewer"),
        },
    )
    language = forms.ChoiceField(
        label=_("Which language is it in?"),
        choices=DeliveryLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language it is in")},
    )
