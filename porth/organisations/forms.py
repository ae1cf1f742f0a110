"""Forms for the organisation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .queries import TypeCount


class OrganisationFilterForm(forms.Form):
    """The type filter on the list. A GET form, so a filtered list has its own address."""

    type = forms.ChoiceField(
        label=_("Type of organisation"),
        help_text=_("Show only one kind of public body, such as councils or health boards"),
        required=False,
    )

    def __init__(self, *args, type_counts: list[TypeCount], **kwargs):
        super().__init__(*args, **kwargs)
        total = sum(type_count.count for type_count in type_counts)
        self.fields["type"].choices = [
            ("", _("All types (%(count)s)") % {"count": total}),
            *(
                (type_count.value, f"{type_count.label} ({type_count.count})")
                for type_count in type_counts
            ),
        ]

    @property
    def selected_type(self) -> str:
        """The chosen type, or "" for all; an unknown value in the address shows everything."""
        return self.cleaned_data["type"] if self.is_valid() else ""
