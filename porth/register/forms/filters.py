"""The register's search box, filters and sort, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import OrganisationType

from ..models import (
    Channel,
    Phase,
    UserGroupCode,
    WelshAvailability,
)
from ..search import ServiceFilters


class ServiceFilterForm(forms.Form):
    """The register's search box, filters and sort, read from the query string."""

    q = forms.CharField(label=_("Search the register"), required=False, max_length=200)
    organisation = forms.MultipleChoiceField(label=_("Organisation"), required=False)
    body_type = forms.MultipleChoiceField(
        label=_("Type of organisation"),
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    area = forms.MultipleChoiceField(
        label=_("Service area"), widget=forms.CheckboxSelectMultiple, required=False
    )
    phase = forms.MultipleChoiceField(
        label=_("Phase"), choices=Phase.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    channel = forms.MultipleChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    welsh = forms.MultipleChoiceField(
        label=_("Availability in Welsh"),
        choices=WelshAvailability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    users = forms.MultipleChoiceField(
        label=_("Users served"),
        choices=UserGroupCode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    retired = forms.BooleanField(label=_("Include retired services"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("relevance", _("Relevance")),
            ("name", _("Name")),
            ("updated", _("Recently updated")),
            ("organisation", _("Organisation")),
        ],
    )

    def __init__(self, *args, areas, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(area.code, area.name) for area in areas]
        self.fields["organisation"].choices = [
            (organisation.slug, organisation.name) for organisation in organisations
        ]

    def filters(self) -> ServiceFilters:
        """What to show; a value in the URL that makes no sense is ignored, not an error."""
        self.is_valid()
        data = self.cleaned_data
        return ServiceFilters(
            query=data.get("q") or "",
            organisations=data.get("organisation") or [],
            body_types=data.get("body_type") or [],
            areas=data.get("area") or [],
            phases=data.get("phase") or [],
            channels=data.get("channel") or [],
            welsh=data.get("welsh") or [],
            users=data.get("users") or [],
            include_retired=bool(data.get("retired")),
            sort=data.get("sort") or "",
        )
