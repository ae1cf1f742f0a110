"""Forms for organisers: a course (both languages) and a session (date, times, place, places).

Times are typed as 24-hour "14:30" in Europe/London; the date uses core's GOV.UK date input.
"""

import datetime
import re
import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.dates import GovukDateField

from .models import Audience, DeliveryLanguage, Format, Topic

LONDON = zoneinfo.ZoneInfo("Europe/London")
TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def _text(label, required_message, max_length: int, *, required: bool = True, **kwargs: Any):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": required_message,
            "max_length": _("This must be %(limit_value)s characters or fewer"),
        },
        **kwargs,
    )


class CourseForm(forms.Form):
    """A course, in Welsh and English."""

    title_en = _text(_("Title in English"), _("Enter the title in English"), 200)
    title_cy = _text(_("Title in Welsh"), _("Enter the title in Welsh"), 200)
    summary_en = _text(
        _("Summary in English"),
        _("Enter the summary in English"),
        300,
        help_text=_("One or two sentences for the catalogue"),
    )
    summary_cy = _text(_("Summary in Welsh"), _("Enter the summary in Welsh"), 300)
    description_en = _text(
        _("Description in English (optional)"), "", 5000, required=False, widget=forms.Textarea
    )
    description_cy = _text(
        _("Description in Welsh (optional)"), "", 5000, required=False, widget=forms.Textarea
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the topic")},
    )
    audience = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the course is for")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the format")},
    )
    length_minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=5,
        max_value=10000,
        error_messages={
            "required": _("Enter the length in minutes"),
            "invalid": _("Enter the length as a whole number of minutes, like 90"),
            "min_value": _("The length must be at least 5 minutes"),
            "max_value": _("The length must be 10,000 minutes or fewer"),
        },
    )
    skill_codes = forms.CharField(
        label=_("Skills (optional)"),
        help_text=_("Skill codes from the skills framework, separated by commas"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("This must be %(limit_value)s characters or fewer")},
    )
    is_published = forms.BooleanField(
        label=_("Publish this course in the catalogue"), required=False
    )

    def clean_skill_codes(self) -> list[str]:
        typed = self.cleaned_data.get("skill_codes") or ""
        codes = [code.strip().lower() for code in typed.split(",") if code.strip()]
        if any(not re.fullmatch(r"[a-z0-9-]+", code) for code in codes):
            raise forms.ValidationError(
                _("Skill codes may use only letters, numbers and hyphens, like agile-working")
            )
        return codes

    @staticmethod
    def initial_for(course) -> dict[str, Any]:
        return {
            **{
                name: getattr(course, name)
                for name in (
                    "title_en",
                    "title_cy",
                    "summary_en",
                    "summary_cy",
                    "description_en",
                    "description_cy",
                    "topic",
                    "audience",
                    "format",
                    "length_minutes",
                    "is_published",
                )
            },
            "skill_codes": ", ".join(course.skill_codes),
        }


class TimeField(forms.CharField):
    """A 24-hour time typed as 14:30."""

    def __init__(self, **kwargs: Any):
        super().__init__(max_length=5, **kwargs)

    def clean(self, value: Any) -> datetime.time | None:
        value = super().clean(value)
        if not value:
            return None
        match = TIME.match(value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(int(match[1]), int(match[2]))


def _time(label, required_message):
    return TimeField(
        label=label,
        help_text=_("Use the 24-hour clock, for example 14:30"),
        error_messages={
            "required": required_message,
            "invalid": _("Enter a real time, for example 14:30"),
            "max_length": _("Enter a real time, for example 14:30"),
        },
    )


class SessionForm(forms.Form):
    """One session of a course. `organisations` are the bodies the person may publish a private
    session for; `open_allowed` says whether they may publish one open to everyone."""

    date = GovukDateField(
        label=_("Date"),
        help_text=_("For example, 27 3 2027"),
        allow_future=True,
        min_year=2000,
        error_messages={"required": _("Enter the date of the session")},
    )
    start_time = _time(_("Start time"), _("Enter the start time"))
    end_time = _time(_("End time"), _("Enter the end time"))
    delivery_language = forms.ChoiceField(
        label=_("Which language is it in?"),
        choices=DeliveryLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language the session is in")},
    )
    place_en = _text(_("Place in English (optional for online sessions)"), "", 300, required=False)
    place_cy = _text(_("Place in Welsh (optional for online sessions)"), "", 300, required=False)
    joining_link = forms.URLField(
        label=_("Online joining link (optional for sessions in person)"),
        help_text=_("Shown only to people with a confirmed place, starting https://"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a link in the right format, like https://example.org/meeting"),
            "max_length": _("The link must be 500 characters or fewer"),
        },
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=10000,
        error_messages={
            "required": _("Enter the number of places"),
            "invalid": _("Enter the number of places as a whole number, like 20"),
            "min_value": _("There must be at least 1 place"),
            "max_value": _("There must be 10,000 places or fewer"),
        },
    )
    booking_closes_hours = forms.IntegerField(
        label=_("Booking closes this many hours before the start"),
        min_value=0,
        max_value=24 * 60,
        initial=2,
        error_messages={
            "required": _("Enter how many hours before the start booking closes"),
            "invalid": _("Enter the hours as a whole number, like 2"),
            "min_value": _("Enter 0 or more hours"),
            "max_value": _("Enter 1,440 hours or fewer"),
        },
    )
    audience = forms.ChoiceField(
        label=_("Who may book it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who may book the session")},
    )
    is_published = forms.BooleanField(label=_("Publish this session now"), required=False)

    OPEN = "open"

    def __init__(self, *args: Any, organisations=(), open_allowed: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organisations = {str(org.pk): org for org in organisations}
        choices = [(self.OPEN, _("Anyone in the Welsh public sector"))] if open_allowed else []
        for pk, org in self.organisations.items():
            choices.append((pk, _("Only staff of %(body)s") % {"body": org.name}))
        self.fields["audience"].choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            starts_at = datetime.datetime.combine(day, start, tzinfo=LONDON)
            ends_at = datetime.datetime.combine(day, end, tzinfo=LONDON)
            if ends_at <= starts_at:
                self.add_error("end_time", _("The end time must be after the start time"))
            elif starts_at <= timezone.now():
                self.add_error("date", _("The session must start in the future"))
            else:
                data["starts_at"], data["ends_at"] = starts_at, ends_at
                hours = data.get("booking_closes_hours")
                if hours is not None:
                    data["booking_closes_at"] = starts_at - datetime.timedelta(hours=hours)
                    if data["booking_closes_at"] <= timezone.now():
                        self.add_error(
                            "booking_closes_hours",
                            _("Booking would close before now: enter fewer hours"),
                        )
        if not (data.get("place_en") or data.get("place_cy") or data.get("joining_link")):
            self.add_error("place_en", _("Enter the place, or an online joining link"))
        elif bool(data.get("place_en")) != bool(data.get("place_cy")):
            self.add_error(
                "place_cy" if data.get("place_en") else "place_en",
                _("Enter the place in both Welsh and English"),
            )
        return data

    def action_fields(self) -> dict[str, Any]:
        """What the `schedule_session`/`update_session` actions take."""
        data = self.cleaned_data
        audience = data["audience"]
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "delivery_language": data["delivery_language"],
            "capacity": data["capacity"],
            "booking_closes_at": data["booking_closes_at"],
            "place_en": data.get("place_en", ""),
            "place_cy": data.get("place_cy", ""),
            "joining_link": data.get("joining_link", ""),
            "organisation": None if audience == self.OPEN else self.organisations[audience],
            "is_published": data["is_published"],
        }

    @staticmethod
    def initial_for(session) -> dict[str, Any]:
        starts = timezone.localtime(session.starts_at, LONDON)
        ends = timezone.localtime(session.ends_at, LONDON)
        hours = int((session.starts_at - session.booking_closes_at).total_seconds() // 3600)
        return {
            "date": starts.date(),
            "start_time": starts.strftime("%H:%M"),
            "end_time": ends.strftime("%H:%M"),
            "delivery_language": session.delivery_language,
            "place_en": session.place_en,
            "place_cy": session.place_cy,
            "joining_link": session.joining_link,
            "capacity": session.capacity,
            "booking_closes_hours": hours,
            "audience": str(session.organisation_id) if session.organisation_id else "open",
            "is_published": session.is_published,
        }


class ColleagueForm(forms.Form):
    """The colleague's email address: they must be a member of a body the person belongs to."""

    email = forms.EmailField(
        label=_("Your colleague’s email address"),
        help_text=_("They must have a Porth account in your organisation"),
        max_length=254,
        error_messages={
            "required": _("Enter your colleague’s email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("The email address must be 254 characters or fewer"),
        },
    )
