"""The register's panel on the home page: a search box and the headline figures, dated.

Registered in `RegisterConfig.ready()` into core's `home_page` slot, so the pages app never
imports the register. Two queries.
"""

from typing import Any

from django.utils import timezone

from porth.core.sections import HOME_PAGE, PageSection, register_section

from .queries import published_services


def home_section_context(page, user) -> dict[str, Any]:
    services = published_services()
    return {
        "services_recorded": services.count(),
        "bodies_reporting": services.values("organisation").distinct().count(),
        "counted_on": timezone.localdate(),
    }


def register_sections() -> None:
    register_section(
        slot=HOME_PAGE,
        section=PageSection(
            key="register",
            template_name="register/home_section.html",
            get_context=home_section_context,
            order=10,
        ),
    )
