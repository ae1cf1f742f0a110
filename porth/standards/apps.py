from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "porth.standards"
    label = "standards"
    verbose_name = _("Digital Service Standards")

    def ready(self) -> None:
        # Imported here, as Django requires: the app registry is ready only now.
        from porth.core.page_context import provide_context
        from porth.core.sections import (
            HOME_PAGE,
            ORGANISATION_PAGE,
            SERVICE_PAGE,
            PageSection,
            register_section,
        )

        from .models import ExampleIndexPage, ManualIndexPage, StandardGuidancePage
        from .sections import (
            home_section_context,
            organisation_section_context,
            service_section_context,
        )
        from .views.pages import (
            example_index_context,
            manual_index_context,
            standard_guidance_context,
        )

        provide_context(ManualIndexPage, manual_index_context)
        provide_context(StandardGuidancePage, standard_guidance_context)
        provide_context(ExampleIndexPage, example_index_context)

        register_section(
            slot=SERVICE_PAGE,
            section=PageSection(
                key="standards",
                template_name="standards/service_section.html",
                get_context=service_section_context,
                order=10,
            ),
        )
        register_section(
            slot=HOME_PAGE,
            section=PageSection(
                key="standards",
                template_name="standards/home_section.html",
                get_context=home_section_context,
                order=20,
            ),
        )
        register_section(
            slot=ORGANISATION_PAGE,
            section=PageSection(
                key="standards",
                template_name="standards/organisation_section.html",
                get_context=organisation_section_context,
                order=20,
            ),
        )
