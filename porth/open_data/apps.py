from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "porth.open_data"
    label = "open_data"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects its receivers; Django requires ready())
        from .sections import register_sections

        register_sections()
