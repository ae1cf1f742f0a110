"""Sections that other apps add to a service's page in the register.

The service page shows what the register records. Apps that know more about a service (its
self-assessments and review reports against the standards, say) each add a section, so the
register never imports them, as `porth.organisations.sections` does for a body's page.
Register a section once, in the app's `AppConfig.ready()`:

    register_service_section(
        ServiceSection(
            key="standards",
            template_name="standards/service_section.html",
            get_context=lambda service, user: {"reports": published_reports_of(service)},
        )
    )

The template is rendered with `service`, `user` and whatever `get_context` returns, and should
start with an `<h2 class="govuk-heading-l">`. Return None from `get_context` to leave the
section out for that person. `get_context` must make a fixed number of queries: the page has a
test that its query count does not grow with the data.
"""

from django.http import HttpRequest
from django.utils.safestring import SafeString

from porth.core.sections import PageSection, render_sections

from .models import Service

ServiceSection = PageSection

_service_sections: dict[str, ServiceSection] = {}


def register_service_section(section: ServiceSection) -> None:
    """Add (or replace, by key) a section; keyed so that a reloaded app does not add it twice."""
    _service_sections[section.key] = section


def rendered_service_sections(request: HttpRequest, service: Service) -> list[SafeString]:
    """Each registered section's HTML, in order, leaving out those with nothing to show."""
    return render_sections(request, _service_sections.values(), name="service", subject=service)
