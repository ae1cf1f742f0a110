"""The organisations in the Wagtail admin: a read-only list for centre staff.

Organisations are facts loaded from organisations.csv (`manage.py seed`), so the
admin only shows them; a correction goes into the file, where the next load picks it up.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from porth.core.permissions import is_centre_staff

from .models import Organisation


class CentreStaffMayViewPolicy(BasePermissionPolicy):
    """Centre staff may look at organisations; nobody may add, change or delete them here."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and is_centre_staff(user)

    def users_with_any_permission(self, actions):
        people = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return people.none()
        return people.filter(is_centre_staff=True) | people.filter(is_superuser=True)


register_permission_policy(Organisation, CentreStaffMayViewPolicy(Organisation))


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name_en", "name_cy", "type", "gss_code"]
    list_filter = ["type"]
    search_fields = ["name_en", "name_cy", "slug", "gss_code"]
    inspect_view_fields = ["name_en", "name_cy", "slug", "type", "gss_code", "website"]
    # Wagtail needs a form even when its policy refuses every edit.
    form_fields = inspect_view_fields


@hooks.register("register_admin_viewset")
def register_organisation_viewset() -> OrganisationViewSet:
    return OrganisationViewSet("organisation_admin")
