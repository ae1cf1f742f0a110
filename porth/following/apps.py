from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "porth.following"
    label = "following"
    verbose_name = _("Following")

    def ready(self) -> None:
        # Imported here, as Django requires: the app registry is ready only now.
        from . import signals  # noqa: F401  (connects its receivers)
        from .sections import register_sections

        register_sections()
