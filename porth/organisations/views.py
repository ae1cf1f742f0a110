"""Public pages about Welsh public bodies."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from porth.core.permissions import public
from porth.core.sections import ORGANISATION_PAGE, render_slot

from .forms import OrganisationFilterForm
from .models import Organisation, OrganisationType
from .queries import organisation_type_counts, organisations_for_list


@public
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET, type_counts=organisation_type_counts())
    selected_type = form.selected_type
    organisations = list(organisations_for_list(type=selected_type or None))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "organisations": organisations,
            "selected_type_label": OrganisationType(selected_type).label if selected_type else "",
        },
    )


@public
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "sections": render_slot(
                request, ORGANISATION_PAGE, subject=organisation, subject_name="organisation"
            ),
        },
    )
