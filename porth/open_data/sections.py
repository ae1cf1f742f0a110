"""Open data's panel on the home page (core's `home_page` slot): where to download and the API."""

from typing import Any

from porth.core.sections import HOME_PAGE, PageSection, register_section


def home_section_context(page, user) -> dict[str, Any]:
    return {}


def register_sections() -> None:
    register_section(
        slot=HOME_PAGE,
        section=PageSection(
            key="open_data",
            template_name="open_data/home_section.html",
            get_context=home_section_context,
            order=30,
        ),
    )
