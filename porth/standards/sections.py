"""The standards' section of a service's page in the register (its published review reports
and the actions reports asked of the team, tracked until done), and their panel on the home
page (the standards, the manual and the latest published reports).

The register shows it without importing this app (core's `service_page` slot,
`porth.core.sections`); it is registered in `StandardsConfig.ready()`. What a person sees
here follows the one rule for reports (`queries.reports_visible_to`), the same as the review
page and the API.
"""

from typing import Any

from django.http import QueryDict
from django.utils import timezone

from porth.core.permissions import can_edit

from . import queries
from .models import ManualIndexPage


def service_section_context(service, user) -> dict[str, Any]:
    """Published reports and their open actions for everyone. The body's editors, centre staff
    and the panel also see actions from reports sent to the team but not yet accepted; a
    member who is not an editor waits for publication, like the public. Three queries."""
    recommendations = list(queries.open_recommendations(service, user))
    return {
        "can_edit": can_edit(user, service.organisation),
        "reports": list(queries.published_reports_of(service)),
        "recommendations": recommendations,
        "sees_unpublished": any(not item.review.is_published for item in recommendations),
        "today": timezone.localdate(),
    }


LATEST_REPORTS_ON_HOME = 3


def home_section_context(page, user) -> dict[str, Any]:
    """The home page's panel: the standards, the manual in the page's language, and the latest
    published review reports with how many there are. Three queries."""
    reports = queries.published_reports(queries.report_filters(QueryDict()))
    return {
        "manual": page.get_children().live().public().type(ManualIndexPage).first(),
        "reports_published": reports.count(),
        "latest_reports": list(reports[:LATEST_REPORTS_ON_HOME]),
    }
