"""Forms of the standards app: they clean what people type, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
