"""The standards' records in the Wagtail admin, for centre staff."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Criterion, Standard


class CurrentCriteriaIndexView(IndexView):
    """Only the current version's criteria: older ones are part of past self-assessments."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(standard__standard_set__is_current=True)
            .select_related("standard")
        )


class CriterionViewSet(ModelViewSet):
    model = Criterion
    icon = "tasks"
    menu_label = _("Criteria")
    index_view_class = CurrentCriteriaIndexView
    form_fields = ["standard", "phase", "order", "text_en", "text_cy"]
    list_display = ["standard", "phase", "order", "text_en"]
    list_filter = ["phase", "standard__number"]
    search_fields = ["text_en", "text_cy"]
    search_backend_name = None
    copy_view_enabled = True

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        if db_field.name == "standard":
            field.queryset = Standard.objects.filter(standard_set__is_current=True)
        return field


class StandardsViewSetGroup(ViewSetGroup):
    menu_label = _("Standards")
    menu_icon = "tasks"
    items = [CriterionViewSet("criteria")]


@hooks.register("register_admin_viewset")
def register_standards_viewsets() -> ViewSetGroup:
    return StandardsViewSetGroup()
