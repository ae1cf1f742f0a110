"""Editors add figures (and, on the way, measures of their own)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import actions
from ..forms import (
    MetricValueForm,
)
from ..models import Service
from ..permissions import service_editor_required
from ..queries import (
    measures_for,
)


@service_editor_required
def metric_value_create(request: HttpRequest, service: Service) -> HttpResponse:
    form = MetricValueForm(request.POST or None, service=service, measures=measures_for(service))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        measure = form.chosen_measure or actions.define_measure(
            organisation=service.organisation,
            name_en=data["new_measure_name_en"],
            name_cy=data["new_measure_name_cy"],
            unit=data["new_measure_unit"],
        )
        try:
            actions.record_metric_value(
                service=service,
                measure=measure,
                period_type=data["period_type"],
                period_start=data["period_start"],
                value=data["value"],
                not_provided_reason=data["not_provided_reason"],
                source=data["source"],
                note=data["note"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The figure has been saved."))
            return redirect(service.get_absolute_url() + "#figures")
    return render(request, "register/metric_value_create.html", {"service": service, "form": form})
