from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "porth.standards"
    label = "standards"
    verbose_name = _("Digital Service Standards")

    def ready(self) -> None:
        from porth.register.sections import ServiceSection, register_service_section

        from .sections import service_section_context

        register_service_section(
            ServiceSection(
                key="standards",
                template_name="standards/service_section.html",
                get_context=service_section_context,
                order=10,
            )
        )
