"""Forms of the skills app: they clean what people type, nothing more."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import OrganisationType

from .framework import Context, Framework


class ContextForm(forms.Form):
    context = forms.ChoiceField(
        label=_("Which best describes your work?"),
        help_text=_("This decides which skills you are asked about and the level each needs."),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the option that best describes your work"),
            "invalid_choice": _("Select the option that best describes your work"),
        },
    )

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["context"].choices = [
            (context.code, context.name) for context in framework.contexts.values()
        ]


class RatingsForm(forms.Form):
    """One question per skill the context asks about. Every skill may be left unrated while
    the person saves to come back later; finishing needs them all."""

    def __init__(self, *args, framework: Framework, context: Context, finish: bool = False, **kw):
        super().__init__(*args, **kw)
        self.context = context
        choices = [(str(level.value), level.name) for level in framework.levels]
        for requirement in context.requirements:
            skill = requirement.skill
            message = format_lazy(_("Select your level for {skill}"), skill=skill.name)
            self.fields[skill.code] = forms.TypedChoiceField(
                label=skill.name,
                help_text=skill.description,
                choices=choices,
                coerce=int,
                required=finish,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )

    def ratings(self) -> dict[str, int | None]:
        return {code: self.cleaned_data.get(code) for code in self.fields}


class OrganisationRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Name of your organisation"),
        max_length=200,
        error_messages={
            "required": _("Enter the name of your organisation"),
            "max_length": _("Name must be 200 characters or fewer"),
        },
    )
    website = forms.URLField(
        label=_("Its website (optional)"),
        help_text=_("For example, https://www.example.org.uk"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": _(
                "Enter a website address in the correct format, like https://www.example.org.uk"
            ),
            "max_length": _("Website must be 200 characters or fewer"),
        },
    )


class AddOrganisationForm(forms.Form):
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        error_messages={
            "required": _("Enter the name in English"),
            "max_length": _("Name must be 200 characters or fewer"),
        },
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        help_text=_("If the organisation has no Welsh name, give its name as it is."),
        max_length=200,
        error_messages={
            "required": _("Enter the name in Welsh"),
            "max_length": _("Name must be 200 characters or fewer"),
        },
    )
    type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=OrganisationType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the type of organisation"),
            "invalid_choice": _("Select the type of organisation"),
        },
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": _(
                "Enter a website address in the correct format, like https://www.example.org.uk"
            ),
            "max_length": _("Website must be 200 characters or fewer"),
        },
    )


class CapabilityForm(forms.Form):
    """Each area of the maturity model at one of four levels, with the evidence for it."""

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(level.value), f"{level.name}: {level.description}")
            for level in framework.capability_levels
        ]
        self.areas = []
        for area in framework.areas:
            level_message = format_lazy(_("Select a level for {area}"), area=area.name)
            evidence_message = format_lazy(
                _("Enter the evidence for the level of {area}"), area=area.name
            )
            self.fields[f"{area.code}-level"] = forms.TypedChoiceField(
                label=area.name,
                help_text=area.description,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": level_message, "invalid_choice": level_message},
            )
            self.fields[f"{area.code}-evidence"] = forms.CharField(
                label=format_lazy(_("Evidence for {area}"), area=area.name),
                help_text=_("What shows this level? For example, a plan, a team or a result."),
                max_length=2000,
                widget=forms.Textarea,
                error_messages={
                    "required": evidence_message,
                    "max_length": _("Evidence must be 2,000 characters or fewer"),
                },
            )
            self.areas.append((area, self[f"{area.code}-level"], self[f"{area.code}-evidence"]))

    def answers(self) -> list[tuple[str, int, str]]:
        return [
            (
                area.code,
                self.cleaned_data[f"{area.code}-level"],
                self.cleaned_data[f"{area.code}-evidence"],
            )
            for area, _level, _evidence in self.areas
        ]
