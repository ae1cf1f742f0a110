"""A body's past imports, and the help page on importing, matching and mapping (docs/adr/0047)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.permissions import Role, organisation_role, public
from porth.organisations.models import Organisation

from ..imports.mapping import saved_mapping
from ..models import ImportKind, ImportStatus
from ..queries import past_imports

IMPORTS_PER_PAGE = 50


@organisation_role(Role.EDITOR)
def import_history(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Every import of the body: who, when, the file, what it changed, and its preview."""
    page = Paginator(past_imports(organisation), IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "register/import_history.html",
        {
            "organisation": organisation,
            "page": page,
            "statuses": ImportStatus,
            "kinds": ImportKind,
            "mappings": {
                kind: saved_mapping(organisation, kind)
                for kind in (ImportKind.SERVICES, ImportKind.METRICS)
            },
        },
    )


@public
def import_help(request: HttpRequest) -> HttpResponse:
    """How importing works: the template, matching rows to services, mapping columns and
    values, dates, and what happens before anything changes."""
    return render(request, "register/import_help.html")
