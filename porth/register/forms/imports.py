"""Uploading a spreadsheet to import."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..imports.problems import MESSAGES
from ..imports.reading import ACCEPTED_SUFFIXES
from ..imports.services import ADD, SKIP


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

    several_bodies = forms.BooleanField(
        label=_("This file is for several organisations"),
        help_text=_(
            "Each row's organisation code column says whose service it is. Each organisation's "
            "rows are checked and previewed on their own, and the whole file is imported "
            "together or not at all"
        ),
        required=False,
    )

    def __init__(self, *args, centre_staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = str(field.help_text) % {"limit": self.limit_mb}
        if not centre_staff:  # only centre staff import for several bodies at once (ADR 0047)
            del self.fields["several_bodies"]

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


class ImportChoicesForm(forms.Form):
    """The preview's choices (docs/adr/0040): whether empty cells clear details, and for each
    row that may duplicate one of the body's services, whether to add it, link it to that
    service (its ID) or skip it. Each flagged row gets a radio field `row-<number>`."""

    empty_cells_clear = forms.BooleanField(
        label=_("Empty cells clear details"),
        help_text=_(
            "If you tick this, an empty cell removes what the register has for that detail. "
            "If you do not, an empty cell leaves the detail as it is"
        ),
        required=False,
    )

    def __init__(self, *args, flagged: list[dict[str, Any]], **kwargs):
        super().__init__(*args, **kwargs)
        self.flagged = flagged
        for row in flagged:
            self.fields[f"row-{row['row']}"] = forms.ChoiceField(
                choices=[(ADD, ADD), (row["duplicate_of"], row["duplicate_of"]), (SKIP, SKIP)],
                error_messages={
                    "required": _("Choose what to do with row %(row)s") % {"row": row["row"]}
                },
            )

    def decisions(self) -> dict[str, str]:
        return {str(row["row"]): self.cleaned_data[f"row-{row['row']}"] for row in self.flagged}
