"""Public pages about Welsh public bodies."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from porth.core.permissions import public

from .models import Organisation, OrganisationType
from .queries import organisations_for_list


@public
def organisation_list(request: HttpRequest) -> HttpResponse:
    selected_type = request.GET.get("type", "")
    if selected_type not in OrganisationType.values:
        selected_type = ""
    organisations = organisations_for_list(type=selected_type or None)
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "organisations": organisations,
            "types": OrganisationType.choices,
            "selected_type": selected_type,
        },
    )


@public
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})
