"""Who may work on a self-assessment or a review: core's `record_role`, applied to the record.

Self-assessment and review URLs name the record (/standards/self-assessments/42/), not the body,
so these decorators load it and ask the rule functions below, which ask those of
porth.core.permissions about the organisation that owns its service. The marks are
"organisation_editor", "public" and "panel_member", so the URL safety net
(porth/core/tests/test_url_permissions.py) checks them like any other route.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from porth.core.permissions import can_edit, can_see_private, record_role

from .models import Review, ReviewStatus, SelfAssessment


def load_self_assessment(request: HttpRequest, *, pk: int) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.select_related("service__organisation", "standard_set"), pk=pk
    )


def load_review(request: HttpRequest, *, pk: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("service__organisation", "standard_set"), pk=pk
    )


def can_view_self_assessment(user, self_assessment: SelfAssessment) -> bool:
    """Published: anyone. Otherwise: the body's own people, centre staff, and the panel of a
    review it is the pre-read for."""
    return (
        self_assessment.is_published
        or can_see_private(user, self_assessment.service.organisation)
        or (
            user.is_authenticated
            and Review.objects.filter(
                self_assessment=self_assessment, panel__assessor__person=user
            ).exists()
        )
    )


def is_on_panel(user, review: Review) -> bool:
    return user.is_authenticated and review.panel.filter(assessor__person=user).exists()


def can_view_review(user, review: Review) -> bool:
    """The review's page (the request, its timeline and panel). Published: anyone. Before
    that: the body's people, its panel and centre staff. The report on it (outcomes, summary,
    recommendations) follows the narrower rule of `queries.can_see_report`."""
    return (
        review.status == ReviewStatus.PUBLISHED
        or can_see_private(user, review.service.organisation)
        or is_on_panel(user, review)
    )


def edits_service(user, record) -> bool:
    return can_edit(user, record.service.organisation)


# Editors (and admins) of the body that owns the service, and centre staff.
self_assessment_editor = record_role(
    load=load_self_assessment,
    may=edits_service,
    name="self_assessment",
    access="organisation_editor",
)
review_editor = record_role(
    load=load_review, may=edits_service, name="review", access="organisation_editor"
)
# Anyone once published; until then the body, centre staff (and, for reviews, the panel).
self_assessment_viewer = record_role(
    load=load_self_assessment, may=can_view_self_assessment, name="self_assessment", access="public"
)
review_viewer = record_role(load=load_review, may=can_view_review, name="review", access="public")
# Only the assigned panel writes the report: not even centre staff, so that who wrote it is clear.
review_panel_member = record_role(
    load=load_review, may=is_on_panel, name="review", access="panel_member"
)
