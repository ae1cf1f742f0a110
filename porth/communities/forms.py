"""Forms: making a community, joining, threads and replies, requests, resources, search.

Posts are checked by moderation's rules (`clean_text`: length, links) so every space words a
refusal the same way; `website` is the honeypot (hidden from people, filled in by robots).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.moderation import actions as moderation

from .actions import MAX_TITLE
from .models import Access, WelshAbility


class CommunityForm(forms.Form):
    slug = forms.SlugField(
        label=_("Short name for the address"),
        help_text=_("Lower-case letters, numbers and hyphens, for example welsh-language-design"),
        max_length=80,
        error_messages={
            "required": _("Enter a short name for the address"),
            "invalid": _("Use only lower-case letters, numbers and hyphens"),
        },
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=150,
        error_messages={"required": _("Enter the name in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=150,
        error_messages={"required": _("Enter the name in Welsh")},
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Enter the description in English")},
    )
    description_cy = forms.CharField(
        label=_("Description in Welsh"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Enter the description in Welsh")},
    )
    access = forms.ChoiceField(
        label=_("Who can join?"),
        choices=Access.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who can join")},
    )
    welsh_first = forms.BooleanField(
        label=_("Show this community's pages in Welsh first"), required=False
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in ("new", "people"):  # addresses of this app's own pages
            raise forms.ValidationError(_("Another community already has this short name"))
        return slug


class JoinForm(forms.Form):
    listed = forms.BooleanField(
        label=_("Show my name in the member list"),
        help_text=_("Only members of the community see the list. You can change this later."),
        required=False,
    )


class ListingForm(forms.Form):
    listed = forms.BooleanField(label=_("Show my name in the member list"), required=False)


def _clean_post(typed: str) -> str:
    try:
        text = moderation.clean_text(typed)
    except moderation.TooLong as error:
        raise forms.ValidationError(
            _("Your post must be %(max)d characters or fewer; it has %(count)d")
            % {"max": moderation.MAX_LENGTH, "count": len(typed.strip())}
        ) from error
    except moderation.TooManyLinks as error:
        raise forms.ValidationError(
            _("A post can have at most %(max)d links") % {"max": moderation.max_links()}
        ) from error
    if not text:
        raise forms.ValidationError(_("Enter your post"))
    return text


class _Honeypot(forms.Form):
    website = forms.CharField(label=_("Leave this empty"), required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ThreadForm(_Honeypot):
    title = forms.CharField(
        label=_("Title"),
        error_messages={"required": _("Enter a title")},
    )
    text = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter your post")},
    )
    field_order = ["title", "text", "website"]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) > MAX_TITLE:
            raise forms.ValidationError(
                _("The title must be %(max)d characters or fewer; it has %(count)d")
                % {"max": MAX_TITLE, "count": len(title)}
            )
        if not title:
            raise forms.ValidationError(_("Enter a title"))
        return title

    def clean_text(self) -> str:
        return _clean_post(self.cleaned_data["text"])


class ReplyForm(_Honeypot):
    text = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your reply")},
    )
    field_order = ["text", "website"]

    def clean_text(self) -> str:
        return _clean_post(self.cleaned_data["text"])


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("refuse", _("Turn down"))],
        error_messages={"required": _("Select approve or turn down")},
    )


class ResourceForm(forms.Form):
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=150,
        error_messages={"required": _("Enter the title in English")},
    )
    title_cy = forms.CharField(
        label=_("Title in Welsh"),
        max_length=150,
        error_messages={"required": _("Enter the title in Welsh")},
    )
    url = forms.URLField(
        label=_("Web address"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Enter the web address"),
            "invalid": _("Enter a web address in the correct format, like https://www.example.com"),
        },
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(
                _("Enter a web address in the correct format, like https://www.example.com")
            )
        return url


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search this community"), max_length=200, required=False)

    def words(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


def pin_choice(data: Any) -> bool:
    return data.get("pinned") == "1"


class DirectoryEntryForm(forms.Form):
    profession = forms.CharField(
        label=_("Profession"),
        help_text=_("For example, user researcher, service designer or social worker"),
        max_length=100,
        error_messages={
            "required": _("Enter your profession"),
            "max_length": _("Your profession must be 100 characters or fewer"),
        },
    )
    skills_offered = forms.CharField(
        label=_("Skills you offer to share"),
        help_text=_("What could you help other people with?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter the skills you offer to share"),
            "max_length": _("The skills you offer must be 500 characters or fewer"),
        },
    )
    welsh_ability = forms.ChoiceField(
        label=_("How much Welsh do you use at work?"),
        choices=WelshAbility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how much Welsh you use at work")},
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name, profession or skill"), max_length=200, required=False)
    welsh_ability = forms.ChoiceField(
        label=_("Welsh"),
        choices=[("", _("Any")), *WelshAbility.choices],
        required=False,
    )
    community = forms.ChoiceField(label=_("Community"), required=False)

    def __init__(self, *args: Any, communities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", _("Any"))] + [
            (community.slug, community.name) for community in communities
        ]
