"""The register's record rule, for URLs that name a service, not a body.

`/register/services/PS-000123/edit/` is shorter and stabler than a URL with the organisation's
slug in it, so write routes look the service up by its ID (`load_service`) and core's
`record_role` checks the person may edit its owning organisation, with the same rule
(`can_edit`) as `organisation_role(Role.EDITOR)`. The view is marked `organisation_editor` so the
URL safety net treats it as an organisation route.
"""

from django.http import Http404, HttpRequest

from porth.core.permissions import can_edit, record_role

from .models import Service


def load_service(request: HttpRequest, *, public_id: str) -> Service:
    """The service named by its public ID (any case), or a 404."""
    service = (
        Service.objects.select_related("organisation", "service_area")
        .filter(public_id=public_id.upper())
        .first()
    )
    if service is None:
        raise Http404
    return service


def may_edit_service(user, service: Service) -> bool:
    return can_edit(user, service.organisation)


# Anonymous visitors go to sign in; an unknown ID is a 404; anyone else without the right a 403.
# The view receives the service as `service` (already checked) instead of its ID.
service_editor_required = record_role(
    load=load_service, may=may_edit_service, name="service", access="organisation_editor"
)
