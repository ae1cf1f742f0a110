"""The standards' section of a service's page in the register (its published review reports
and the actions reports asked of the team, tracked until done), and their panel on the home
page (the standards, the manual and the latest published reports), and their section of a
body's page (its published review reports and self-assessments, and for its people a link to
the body's standards summary).

The register shows it without importing this app (core's `service_page` slot,
`porth.core.sections`); it is registered in `StandardsConfig.ready()`. What a person sees
here follows the one rule for reports (`queries.reports_visible_to`), the same as the review
page and the API.
"""

from typing import Any

from django.http import QueryDict
from django.utils import timezone

from porth.core.permissions import can_edit, can_see_private

from . import queries
from .models import ManualIndexPage, SelfAssessment, SelfAssessmentStatus


def service_section_context(service, user) -> dict[str, Any]:
    """Published reports and their open actions for everyone. The body's editors, centre staff
    and the panel also see actions from reports sent to the team but not yet accepted; a
    member who is not an editor waits for publication, like the public. Most services were
    never reviewed: one cheap read says so, and their pages skip the two reads of reports and
    actions."""
    reviewed = queries.was_ever_reviewed(service)
    recommendations = list(queries.open_recommendations(service, user)) if reviewed else []
    return {
        "can_edit": can_edit(user, service.organisation),
        "reports": list(queries.published_reports_of(service)) if reviewed else [],
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


REPORTS_ON_ORGANISATION_PAGE = 10


def organisation_section_context(organisation, user) -> dict[str, Any]:
    """The body's published review reports and the self-assessments this person may see, the
    latest first, with their counts. Four queries (five for the body's own people)."""
    reports = queries.published_reports(queries.report_filters(QueryDict())).filter(
        service__organisation=organisation
    )
    self_assessments = (
        SelfAssessment.objects.visible_to(user)
        .filter(service__organisation=organisation, status=SelfAssessmentStatus.SUBMITTED)
        .select_related("service")
        .order_by("-submitted_at", "-pk")
    )
    return {
        "reports": list(reports[:REPORTS_ON_ORGANISATION_PAGE]),
        "reports_published": reports.count(),
        "self_assessments": list(self_assessments[:REPORTS_ON_ORGANISATION_PAGE]),
        "self_assessments_submitted": self_assessments.count(),
        "is_member": can_see_private(user, organisation),
    }
