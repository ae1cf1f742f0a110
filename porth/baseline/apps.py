from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "porth.baseline"
    label = "baseline"
    verbose_name = _("Baseline rounds")

    def ready(self) -> None:
        # Imported here, as Django requires: the app registry is ready only now.
        from .sections import register_sections

        register_sections()
