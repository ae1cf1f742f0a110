"""Who may work on a self-assessment: the same rules as porth.core.permissions, keyed by record.

Self-assessment URLs name the self-assessment (/standards/self-assessments/42/), not the body,
so these decorators look it up, find the organisation that owns its service and ask the core
rule functions. Views are marked with the same `porth_access` values as the core decorators, so
the URL safety net (porth/core/tests/test_url_permissions.py) treats them like any other
organisation route.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from porth.core.permissions import can_edit, can_see_private, public

from .models import SelfAssessment


def _self_assessment(pk: int) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.select_related("service__organisation", "standard_set"), pk=pk
    )


def self_assessment_editor(view: Callable) -> Callable:
    """Editors (and admins) of the body that owns the service, and centre staff.

    Anonymous visitors are sent to sign in before anything is looked up; an editor of another
    body gets a 403. The view receives the checked record as `self_assessment`.
    """

    @wraps(view)
    def wrapper(request, *args, pk: int, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self_assessment = _self_assessment(pk)
        if not can_edit(request.user, self_assessment.service.organisation):
            raise PermissionDenied
        return view(request, *args, self_assessment=self_assessment, **kwargs)

    wrapper.porth_access = "organisation_editor"
    return wrapper


def can_view_self_assessment(user, self_assessment: SelfAssessment) -> bool:
    """Published: anyone. Otherwise: the body's own people and centre staff."""
    return self_assessment.is_published or can_see_private(
        user, self_assessment.service.organisation
    )


def self_assessment_viewer(view: Callable) -> Callable:
    """Anyone may open a published self-assessment; drafts and unpublished ones stay private.

    Marked public because published ones are; the check here refuses everyone else (sign in
    for anonymous visitors, 403 for people of other bodies).
    """

    @wraps(view)
    def wrapper(request, *args, pk: int, **kwargs):
        self_assessment = _self_assessment(pk)
        if not can_view_self_assessment(request.user, self_assessment):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return view(request, *args, self_assessment=self_assessment, **kwargs)

    return public(wrapper)
