"""The "Get emails about this" button on a service's page (the `service_page` slot)."""

from typing import Any

from porth.core.sections import SERVICE_PAGE, PageSection, register_section

from .queries import follow_of


def _service_context(service: Any, user: Any) -> dict:
    return {
        "kind": "service",
        "key": service.public_id,
        "current": follow_of(user, "service", service.public_id),
    }


def register_sections() -> None:
    register_section(
        slot=SERVICE_PAGE,
        section=PageSection(
            key="following_service",
            template_name="following/follow_button.html",
            get_context=_service_context,
            order=10,
        ),
    )
