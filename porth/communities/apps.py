from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "porth.communities"
    label = "communities"
    verbose_name = _("Communities of practice")

    def ready(self) -> None:
        # Imported here, as Django requires: the app registry is ready only now.
        from porth.moderation.readers import register_reader_rule

        from . import signals  # noqa: F401  (connects its receivers)
        from .permissions import may_read_contribution
        from .queries import SPACE_PREFIX

        register_reader_rule(key_prefix=SPACE_PREFIX, may_read=may_read_contribution)
