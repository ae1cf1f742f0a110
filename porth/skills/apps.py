from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "porth.skills"
    label = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        # Imported here, as Django requires: the app registry is ready only now.
        from porth.core.sections import ORGANISATION_PAGE, PageSection, register_section

        from .sections import capability_section_context

        register_section(
            slot=ORGANISATION_PAGE,
            section=PageSection(
                key="digital_capability",
                template_name="skills/organisation_section.html",
                get_context=capability_section_context,
                order=60,
            ),
        )
