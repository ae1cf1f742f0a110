"""The public register: the searchable list and each service's page."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from porth.core.language import current_language
from porth.core.pagecache import shows_lists, shows_parts
from porth.core.permissions import (
    can_edit,
    can_see_private,
    is_centre_staff,
    public,
)
from porth.core.sections import SERVICE_PAGE, render_slot
from porth.organisations.queries import organisations_for_list

from ..formatting import figures_chart
from ..forms import (
    ServiceFilterForm,
)
from ..models import STALE_AFTER_MONTHS, ServiceArea
from ..queries import (
    editable_organisations,
    metric_series,
    service_for_page,
    service_history,
    similar_services,
)
from ..search import search
from ..signals import PAGE_TOPIC, service_part

PAGE_SIZE = 20


def _selected_filters(request: HttpRequest, form: ServiceFilterForm) -> list[dict[str, str]]:
    """Each filter the reader chose, with a link that removes just that one."""
    selected = []
    for name in ("organisation", "body_type", "area", "phase", "channel", "welsh", "users"):
        labels = dict(form.fields[name].choices)
        for value in form.cleaned_data.get(name) or []:
            query = request.GET.copy()
            query.setlist(name, [v for v in query.getlist(name) if v != value])
            query.pop("page", None)
            selected.append(
                {
                    "group": str(form.fields[name].label),
                    "label": str(labels.get(value, value)),
                    "remove_url": f"?{query.urlencode()}",
                }
            )
    return selected


def _ordered_by_change(request: HttpRequest) -> bool:
    """The register ordered by when services changed: every change moves a service in it."""
    return request.GET.get("sort") == "updated"


@shows_lists(PAGE_TOPIC, unless=_ordered_by_change)
@public
def service_list(request: HttpRequest) -> HttpResponse:
    language = current_language()
    form = ServiceFilterForm(
        request.GET,
        areas=list(ServiceArea.objects.order_by(f"name_{language}")),
        organisations=list(organisations_for_list()),
    )
    filters = form.filters()
    paginator = Paginator(search(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "register/service_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "selected_filters": _selected_filters(request, form),
            "can_add": request.user.is_authenticated
            and editable_organisations(request.user).exists(),
            "manages_areas": is_centre_staff(request.user),
        },
    )


@shows_parts(PAGE_TOPIC, lambda request, public_id: [service_part(public_id)])
@public
def service_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    service = service_for_page(public_id)
    if service is None:
        raise Http404
    sees_private = can_see_private(request.user, service.organisation)
    series = metric_series(service)
    return render(
        request,
        "register/service_detail.html",
        {
            "service": service,
            "channels": sorted(service.channels.all(), key=lambda channel: channel.position),
            "metrics": [
                {"series": s, "chart": figures_chart(s.figures, s.measure.unit)} for s in series
            ],
            "similar": similar_services(service),
            "can_see_private": sees_private,
            "can_edit": can_edit(request.user, service.organisation),
            "history": service_history(service) if sees_private else [],
            "stale_months": STALE_AFTER_MONTHS,
            "sections": render_slot(request, SERVICE_PAGE, subject=service, subject_name="service"),
        },
    )
