from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "porth.open_data"
    label = "open_data"
    verbose_name = _("Open data")
