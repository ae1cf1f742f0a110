"""Who may work on a self-assessment or a review: core's rules, applied to the record in the URL.

Self-assessment and review URLs name the record (/standards/self-assessments/42/), not the body,
so these decorators load it, find the organisation that owns its service and ask the rule
functions of porth.core.permissions. Views are marked with the same `porth_access` values as
the core decorators ("organisation_editor", "public"), plus "panel_member" for the review
panel, so the URL safety net (porth/core/tests/test_url_permissions.py) checks them like any
other route. Anonymous visitors are sent to sign in; people without the right get a 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from porth.core.permissions import can_edit, can_see_private, public

from .models import Review, ReviewStatus, SelfAssessment


def _self_assessment(pk: int) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.select_related("service__organisation", "standard_set"), pk=pk
    )


def _review(pk: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("service__organisation", "standard_set"), pk=pk
    )


def _record_view(
    *,
    load: Callable[[int], Any],
    may_use: Callable[[Any, Any], bool],
    name: str,
    access: str,
) -> Callable[[Callable], Callable]:
    """A decorator that loads the record named by `pk`, checks `may_use` and passes it on."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, pk: int, **kwargs):
            if access != "public" and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            record = load(pk)
            if not may_use(request.user, record):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **{name: record}, **kwargs)

        if access == "public":
            return public(wrapper)
        wrapper.porth_access = access
        return wrapper

    return decorator


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


def _edits_service(user, record) -> bool:
    return can_edit(user, record.service.organisation)


# Editors (and admins) of the body that owns the service, and centre staff.
self_assessment_editor = _record_view(
    load=_self_assessment,
    may_use=_edits_service,
    name="self_assessment",
    access="organisation_editor",
)
review_editor = _record_view(
    load=_review, may_use=_edits_service, name="review", access="organisation_editor"
)
# Anyone once published; until then the body, centre staff (and, for reviews, the panel).
self_assessment_viewer = _record_view(
    load=_self_assessment, may_use=can_view_self_assessment, name="self_assessment", access="public"
)
review_viewer = _record_view(load=_review, may_use=can_view_review, name="review", access="public")
# Only the assigned panel writes the report: not even centre staff, so that who wrote it is clear.
review_panel_member = _record_view(
    load=_review, may_use=is_on_panel, name="review", access="panel_member"
)
