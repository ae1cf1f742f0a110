"""Who may use a skills record: core's `record_role`, applied to the record.

A skills self-assessment is its maker's alone: not their organisation's admins, not centre
staff (they see aggregates of five or more people instead). An organisation request is for
centre staff to review.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from porth.core.permissions import is_centre_staff, record_role

from .models import OrganisationRequest, SkillsAssessment


def load_assessment(request: HttpRequest, *, pk: int) -> SkillsAssessment:
    return get_object_or_404(SkillsAssessment, pk=pk)


def is_own_assessment(user, assessment: SkillsAssessment) -> bool:
    return user.is_authenticated and assessment.person_id == user.pk


def load_organisation_request(request: HttpRequest, *, pk: int) -> OrganisationRequest:
    return get_object_or_404(OrganisationRequest.objects.select_related("person"), pk=pk)


own_assessment = record_role(
    load=load_assessment, may=is_own_assessment, name="assessment", access="owner"
)
organisation_request_reviewer = record_role(
    load=load_organisation_request,
    may=lambda user, _request: is_centre_staff(user),
    name="organisation_request",
    access="centre_staff",
)
