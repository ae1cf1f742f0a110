from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "porth.register"
    label = "register"
    verbose_name = _("Service register")

    def ready(self) -> None:
        # Imported here, as Django requires: the app registry is ready only now.
        from .sections import register_sections

        register_sections()
