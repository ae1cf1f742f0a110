"""The standards' records in the Wagtail admin, for centre staff."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Assessor, ConflictOfInterest, Criterion, Discipline, Standard


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


class AssessorForm(WagtailAdminModelForm):
    """Disciplines are stored as a list of codes; staff tick them rather than type JSON."""

    disciplines = forms.MultipleChoiceField(
        label=_("disciplines"),
        choices=Discipline.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Assessor
        fields = ["person", "disciplines", "works_in_welsh", "is_active"]


class AssessorViewSet(ModelViewSet):
    """Centre staff add people to the pool; assessors then keep their own details current."""

    model = Assessor
    icon = "group"
    menu_label = _("Assessors")
    list_display = ["person", "works_in_welsh", "is_active"]
    list_filter = ["works_in_welsh", "is_active"]
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False):
        return AssessorForm


class ConflictOfInterestViewSet(ModelViewSet):
    model = ConflictOfInterest
    icon = "warning"
    menu_label = _("Conflicts of interest")
    form_fields = ["assessor", "organisation", "reason"]
    list_display = ["assessor", "organisation", "reason"]
    copy_view_enabled = False


class StandardsViewSetGroup(ViewSetGroup):
    menu_label = _("Standards")
    menu_icon = "tasks"
    items = [
        CriterionViewSet("criteria"),
        AssessorViewSet("assessors"),
        ConflictOfInterestViewSet("conflicts_of_interest"),
    ]


@hooks.register("register_admin_viewset")
def register_standards_viewsets() -> ViewSetGroup:
    return StandardsViewSetGroup()
