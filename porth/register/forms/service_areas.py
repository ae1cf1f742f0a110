"""Centre staff's form for the list of service areas."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    ServiceArea,
)


class ServiceAreaForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Lower-case letters, numbers and hyphens; used in imports and the API"),
        error_messages={
            "required": _("Enter a code"),
            "invalid": _("Use only lower-case letters, numbers and hyphens in the code"),
        },
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=120,
        error_messages={"required": _("Enter the name in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=120,
        error_messages={"required": _("Enter the name in Welsh")},
    )
    is_active = forms.BooleanField(
        label=_("Editors can choose this area"), required=False, initial=True
    )

    def __init__(self, *args, area: ServiceArea | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        if area is not None:
            del self.fields["code"]  # codes never change: imports and the API rely on them

    def clean_code(self):
        code = self.cleaned_data["code"].lower()
        if ServiceArea.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A service area with this code already exists"))
        return code
