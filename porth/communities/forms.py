"""Forms: making a community, joining, threads and replies, requests, resources, search.

Posts are checked by moderation's rules (`clean_text`: length, links) so every space words a
refusal the same way; `website` is the honeypot (hidden from people, filled in by robots).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.moderation import actions as moderation

from . import uploads
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


def _size_in_mb(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


class ResourceForm(forms.Form):
    """A link or a file (not both). What the lead typed is kept when something is wrong; a
    browser never keeps a chosen file, so the page names the file to choose again."""

    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=150,
        error_messages={
            "required": _("Enter the title in English"),
            "max_length": _("The title in English must be 150 characters or fewer"),
        },
    )
    title_cy = forms.CharField(
        label=_("Title in Welsh"),
        max_length=150,
        error_messages={
            "required": _("Enter the title in Welsh"),
            "max_length": _("The title in Welsh must be 150 characters or fewer"),
        },
    )
    url = forms.URLField(
        label=_("Web address"),
        help_text=_("For a link. Leave it empty if you upload a file."),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a web address in the correct format, like https://www.example.com"),
            "max_length": _("The web address must be 500 characters or fewer"),
        },
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        max_length=200,
        error_messages={
            "invalid": _("The selected file could not be read. Choose it again"),
            "missing": _("The selected file could not be read. Choose it again"),
            "empty": _("The selected file is empty"),
            "max_length": _("The name of the selected file must be 200 characters or fewer"),
        },
    )
    members_only = forms.BooleanField(
        label=_("Only members of the community can see it"),
        required=False,
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "%(kinds)s, up to %(size)s MB. Files are not checked for viruses: upload only "
            "files you trust."
        ) % {"kinds": uploads.KIND_NAMES, "size": _size_in_mb(uploads.max_bytes())}
        if community.needs_request:
            # Everything in a community on request is for its members already.
            del self.fields["members_only"]
        self.chosen_file_name = ""

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(
                _("Enter a web address in the correct format, like https://www.example.com")
            )
        return url

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload:
            return None
        try:
            uploads.check_upload(upload)
        except uploads.UploadRefused as refused:
            messages = {
                "empty": _("The selected file is empty"),
                "too_big": _("The selected file must be smaller than %(size)s MB")
                % {"size": _size_in_mb(uploads.max_bytes())},
                "wrong_type": _("The selected file must be a %(kinds)s file")
                % {"kinds": uploads.KIND_NAMES},
            }
            raise forms.ValidationError(messages[refused.code]) from refused
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        url, upload = cleaned.get("url"), cleaned.get("file")
        if "url" in cleaned and "file" in cleaned:
            if url and upload:
                self.add_error("url", _("Give a web address or a file, not both"))
            elif not url and not upload:
                self.add_error("url", _("Enter a web address or choose a file"))
        if upload and self.errors:
            self.chosen_file_name = upload.name
        return cleaned


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
