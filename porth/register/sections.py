"""The register's panel on the home page (a search box and the headline figures, dated) and
its section of a body's page (the body's services, with a link to all of them in the register).

Registered in `RegisterConfig.ready()` into core's `home_page` and `organisation_page` slots,
so the pages and organisations apps never import the register. Two queries each.
"""

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from porth.core.language import current_language
from porth.core.permissions import can_edit
from porth.core.sections import HOME_PAGE, ORGANISATION_PAGE, PageSection, register_section

from .queries import published_services


def home_section_context(page, user) -> dict[str, Any]:
    services = published_services()
    return {
        "services_recorded": services.count(),
        "bodies_reporting": services.values("organisation").distinct().count(),
        "counted_on": timezone.localdate(),
    }


SERVICES_ON_ORGANISATION_PAGE = 10


def organisation_section_context(organisation, user) -> dict[str, Any]:
    """The body's current services, the first few by name, and how many there are."""
    services = published_services().filter(organisation=organisation)
    services = services.order_by(f"name_{current_language()}", "pk")
    query = urlencode({"organisation": organisation.slug})
    return {
        "services": list(services[:SERVICES_ON_ORGANISATION_PAGE]),
        "services_recorded": services.count(),
        "all_services_url": f"{reverse('register:service_list')}?{query}",
        "can_edit": can_edit(user, organisation),
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
    register_section(
        slot=ORGANISATION_PAGE,
        section=PageSection(
            key="register",
            template_name="register/organisation_section.html",
            get_context=organisation_section_context,
            order=10,
        ),
    )
