"""The register's one extra permission decorator, for URLs that name a service, not a body.

`/register/services/PS-000123/edit/` is shorter and stabler than a URL with the organisation's
slug in it, so write routes look the service up by its ID and check the person may edit its
owning organisation, with the same rule (`can_edit`) as `organisation_role(Role.EDITOR)`. The
view is marked `organisation_editor` so the URL safety net treats it as an organisation route.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from porth.core.permissions import _mark, _to_sign_in, can_edit

from .models import Service


def service_editor_required(view: Callable) -> Callable:
    """The person must be able to edit the organisation that owns the service in the URL.

    Anonymous visitors go to sign in; an unknown ID is a 404; anyone else gets a 403. The view
    receives the service as `service` (already checked) instead of its ID.
    """

    @wraps(view)
    def wrapper(request, *args, public_id: str, **kwargs):
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        service = (
            Service.objects.select_related("organisation", "service_area")
            .filter(public_id=public_id.upper())
            .first()
        )
        if service is None:
            raise Http404
        if not can_edit(request.user, service.organisation):
            raise PermissionDenied
        return view(request, *args, service=service, **kwargs)

    return _mark(wrapper, "organisation_editor")
