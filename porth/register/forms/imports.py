"""Uploading a spreadsheet to import."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..imports.problems import MESSAGES
from ..imports.reading import ACCEPTED_SUFFIXES


class ImportForm(forms.Form):
    """The file only: which body and what kind of import come from the page's address.

    The size and type are checked here so a wrong file is refused at once, with the same words
    the worker would use; everything else is checked by the worker.
    """

    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A CSV file or an Excel spreadsheet (.xlsx), smaller than %(limit)s MB"),
        error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = str(field.help_text) % {"limit": self.limit_mb}

    @property
    def limit_mb(self) -> int:
        return settings.REGISTER_IMPORT_MAX_BYTES // (1024 * 1024)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError(MESSAGES["wrong_type"])
        if upload.size > settings.REGISTER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(str(MESSAGES["too_big"]) % {"limit": self.limit_mb})
        return upload
