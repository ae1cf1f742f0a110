"""The standards' section of a service's page in the register: its published review reports
and the actions reports asked of the team, tracked until done.

The register shows it without importing this app (see `porth.register.sections`); it is
registered in `StandardsConfig.ready()`.
"""

from typing import Any

from django.utils import timezone

from porth.core.permissions import Role, role_in

from . import queries


def service_section_context(service, user) -> dict[str, Any]:
    """Published reports and their open actions for everyone. The body's own people and centre
    staff also see actions from reports sent to the team but not yet accepted; its editors get
    links to do the work. Three queries."""
    role = role_in(user, service.organisation)
    sees_unpublished = role is not None
    return {
        "can_edit": role is not None and role >= Role.EDITOR,
        "reports": list(queries.published_reports_of(service)),
        "recommendations": list(
            queries.open_recommendations(service, include_unpublished=sees_unpublished)
        ),
        "sees_unpublished": sees_unpublished,
        "today": timezone.localdate(),
    }
