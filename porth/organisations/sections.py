"""Sections that other apps add to an organisation's page.

The organisation page shows the body's own facts. Apps that know more about a body (its services,
its self-assessments, its people on courses) each add a section, so this app never imports them.
Register a section once, in the app's `AppConfig.ready()`:

    from porth.organisations.sections import OrganisationSection, register_section

    register_section(
        OrganisationSection(
            key="services",
            template_name="register/organisation_services.html",
            get_context=lambda organisation, user: {"services": services_of(organisation)},
            order=10,
        )
    )

The template is rendered with `organisation`, `user` and whatever `get_context` returns, and
should start with an `<h2 class="govuk-heading-l">`: the page's `<h1>` is the body's name.
Return None from `get_context` to leave the section out for that person.
"""

from django.http import HttpRequest
from django.utils.safestring import SafeString

from porth.core.sections import PageSection, render_sections

from .models import Organisation

OrganisationSection = PageSection

_sections: dict[str, OrganisationSection] = {}


def register_section(section: OrganisationSection) -> None:
    """Add (or replace, by key) a section; keyed so that a reloaded app does not add it twice."""
    _sections[section.key] = section


def rendered_sections(request: HttpRequest, organisation: Organisation) -> list[SafeString]:
    """Each registered section's HTML, in order, leaving out those with nothing to show."""
    return render_sections(request, _sections.values(), name="organisation", subject=organisation)
