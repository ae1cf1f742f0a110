"""Who may write through the API: the same rule as the register's pages (`can_edit`), narrowed
by the token's scope and organisations (docs/adr/0022-api-tokens.md)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions
from rest_framework.request import Request

from porth.core.permissions import can_edit, can_see_private

from ..models import PersonalToken
from .messages import bilingual

READ_ONLY_TOKEN = _(
    "This token can only read. Make a token that can read and write on the API tokens page."
)


def may_write_for(request: Request, organisation: Any) -> bool:
    """A write for `organisation` needs a read-and-write token made for it, and its person must
    be an editor of it (or centre staff) now, not merely when the token was made."""
    token = request.auth
    return (
        isinstance(token, PersonalToken)
        and token.can_write
        and token.acts_for(organisation)
        and can_edit(request.user, organisation)
    )


def may_read_private_for(request: Request, organisation: Any) -> bool:
    """Private details of `organisation` (its services' owners) need a token of either scope made
    for it, whose person is a member of it (or centre staff) now."""
    token = request.auth
    return (
        isinstance(token, PersonalToken)
        and token.acts_for(organisation)
        and can_see_private(request.user, organisation)
    )


class ReadAnyoneWriteEditors(permissions.BasePermission):
    """Anyone may read. Writing needs a token (401 without one) that may write (403 for a read-only
    token) for the body that owns the service, whose person may edit that body (403 otherwise)."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if isinstance(request.auth, PersonalToken) and not request.auth.can_write:
            raise exceptions.PermissionDenied(bilingual(READ_ONLY_TOKEN))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return may_write_for(request, view.organisation_of(obj))
