from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "porth.engagements"
    label = "engagements"
    verbose_name = _("Requests for help and engagements")
