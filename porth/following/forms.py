from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Delivery


class FollowForm(forms.Form):
    kind = forms.CharField(max_length=30)
    key = forms.CharField(max_length=64)


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("When should we email you about changes?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select when to get emails"),
            "invalid_choice": _("Select when to get emails"),
        },
    )
