"""Who may write through the API: the same rule as the register's pages (`can_edit`)."""

from rest_framework import permissions

from porth.core.permissions import can_edit


class ReadAnyoneWriteEditors(permissions.BasePermission):
    """Anyone may read. Writing needs a token (401 without one) and the right to edit the
    body that owns the service (403 otherwise): its editors and admins, or centre staff."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_edit(request.user, view.organisation_of(obj))
