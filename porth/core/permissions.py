"""The one place that says who may do what (docs/adr/0007-permissions.md).

Every view is wrapped in exactly one of the decorators below, and a test walks every URL
pattern to prove it: `public`, `signed_in`, `centre_staff_only`, `organisation_role` or
`record_role` (for URLs that name a record, not a body).
Rules about roles are functions here too, so views, templates, actions and the API all ask the
same question the same way.
"""

import inspect
from collections.abc import Callable
from enum import IntEnum
from functools import wraps
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


class Refused(PermissionDenied):
    """A refusal that says why, in words the person can act on (a translated string): the 403
    page shows `reason` above its usual advice. Plain `PermissionDenied` keeps the usual page."""

    def __init__(self, reason: Any) -> None:
        super().__init__(reason)
        self.reason = reason


class Role(IntEnum):
    """Roles a person holds in an organisation, ordered so that a higher role includes a lower."""

    MEMBER = 10
    EDITOR = 20
    ADMIN = 30


def is_centre_staff(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_centre_staff or user.is_superuser))


def role_in(user: Any, organisation: Any) -> Role | None:
    """The person's role in the organisation, or None. Centre staff act as admins everywhere."""
    if not user.is_authenticated:
        return None
    if is_centre_staff(user):
        return Role.ADMIN
    return user.role_in(organisation)


def has_role(user: Any, organisation: Any, role: Role) -> bool:
    current = role_in(user, organisation)
    return current is not None and current >= role


def can_see_private(user: Any, organisation: Any) -> bool:
    """Members see their own body's non-public details (e.g. service owner contacts)."""
    return has_role(user, organisation, Role.MEMBER)


def can_edit(user: Any, organisation: Any) -> bool:
    return has_role(user, organisation, Role.EDITOR)


def can_administer(user: Any, organisation: Any) -> bool:
    return has_role(user, organisation, Role.ADMIN)


def _to_sign_in(request):
    # Imported here: auth views import the user model, which imports this module.
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


def _mark(view: Callable, access: str) -> Callable:
    view.porth_access = access  # read by the URL safety-net test
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not, may use this view."""
    return _mark(view, "public")


def signed_in(view: Callable) -> Callable:
    """Any signed-in person; the view itself limits what they see to their own things."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        return view(request, *args, **kwargs)

    return _mark(wrapper, "signed_in")


def centre_staff_only(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        if not is_centre_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return _mark(wrapper, "centre_staff")


def organisation_model() -> Any:
    """The model of the bodies that roles are held in, named by a setting as AUTH_USER_MODEL is,
    so that core never imports a domain app (docs/architecture.md)."""
    return apps.get_model(settings.PORTH_ORGANISATION_MODEL)


def organisation_role(role: Role, slug_kwarg: str = "slug") -> Callable[[Callable], Callable]:
    """The person needs at least `role` in the organisation named by the URL.

    The organisation is looked up once and handed to the view as `organisation`, so the view
    cannot accidentally act on a different body from the one that was checked.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return _to_sign_in(request)
            organisation = get_object_or_404(organisation_model(), slug=kwargs.pop(slug_kwarg))
            if not has_role(request.user, organisation, role):
                raise PermissionDenied
            return view(request, *args, organisation=organisation, **kwargs)

        return _mark(wrapper, f"organisation_{role.name.lower()}")

    return decorator


def record_role(
    *,
    load: Callable[..., Any],
    may: Callable[[Any, Any], bool],
    name: str = "record",
    access: str = "organisation_record",
    refusal: Any = None,
) -> Callable[[Callable], Callable]:
    """The person must be allowed (`may(user, record)`) to use the record named by the URL.

    `load(request, **url_kwargs)` returns the record or raises Http404; the URL arguments it
    names in its signature are its own, the others go on to the view. The view receives the
    checked record as `name`, so it cannot act on a different record from the one checked.
    `access` marks the view for the URL safety net: "organisation_..." routes are proven to
    refuse other bodies' people; "public" means anonymous visitors may try (`may` decides,
    e.g. for published records), and are sent to sign in when refused.
    `refusal`, a (lazily) translated sentence, is what the 403 page tells a signed-in person
    who is refused, when the rule is one they can act on ("only admins may ...").
    """
    parameters = inspect.signature(load).parameters
    takes_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    own = {key for key, p in parameters.items() if p.kind is not inspect.Parameter.VAR_KEYWORD}

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if access != "public" and not request.user.is_authenticated:
                return _to_sign_in(request)
            mine = kwargs if takes_all else {k: v for k, v in kwargs.items() if k in own}
            record = load(request, **mine)
            if not may(request.user, record):
                if not request.user.is_authenticated:
                    return _to_sign_in(request)
                if refusal is not None:
                    raise Refused(refusal)
                raise PermissionDenied
            rest = {} if takes_all else {k: v for k, v in kwargs.items() if k not in own}
            return view(request, *args, **{name: record}, **rest)

        return _mark(wrapper, access)

    return decorator
