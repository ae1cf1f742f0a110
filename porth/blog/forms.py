"""The comment form under a post; the rules it checks are moderation's (actions.clean_text)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.moderation import actions as moderation


class CommentForm(forms.Form):
    """A comment. `website` is a honeypot: hidden from people, filled in by robots."""

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your comment")},
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def clean_text(self) -> str:
        typed = self.cleaned_data["text"]
        try:
            text = moderation.clean_text(typed)
        except moderation.TooLong as error:
            raise forms.ValidationError(
                _("Your comment must be %(max)d characters or fewer; it has %(count)d")
                % {"max": moderation.MAX_LENGTH, "count": len(typed.strip())}
            ) from error
        except moderation.TooManyLinks as error:
            raise forms.ValidationError(
                _("A comment can have at most %(max)d links") % {"max": moderation.max_links()}
            ) from error
        if not text:
            raise forms.ValidationError(_("Enter your comment"))
        return text

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
