"""Centre staff keep the list of service areas."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from porth.core.language import current_language
from porth.core.permissions import (
    centre_staff_only,
)

from .. import actions
from ..forms import (
    ServiceAreaForm,
)
from ..models import ServiceArea


@centre_staff_only
def service_area_list(request: HttpRequest) -> HttpResponse:
    areas = ServiceArea.objects.order_by(f"name_{current_language()}")
    return render(request, "register/service_area_list.html", {"areas": areas})


@centre_staff_only
def service_area_create(request: HttpRequest) -> HttpResponse:
    form = ServiceAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.save_service_area(**form.cleaned_data)
        messages.success(request, _("The service area has been added."))
        return redirect("register:service_area_list")
    return render(request, "register/service_area_create.html", {"form": form})


@centre_staff_only
def service_area_update(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(ServiceArea, pk=pk)
    initial = {"name_en": area.name_en, "name_cy": area.name_cy, "is_active": area.is_active}
    form = ServiceAreaForm(request.POST or None, area=area, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_service_area(area=area, **form.cleaned_data)
        messages.success(request, _("The service area has been changed."))
        return redirect("register:service_area_list")
    return render(request, "register/service_area_update.html", {"form": form, "area": area})
