"""The success measures dashboard: a public view (public measures) and the centre's (all).

Thin views: filters and targets are read by forms, tiles by `queries`, and targets written by
`actions`. Each page has a twin for centre staff under `centre/`, so that every view wears one
permission decorator and a private measure is never reachable from a public address.
"""

import csv

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core.licence import LICENCE, LINK_HEADER
from porth.core.measures import Unit
from porth.core.permissions import centre_staff_only, public

from . import actions, queries
from .downloads import csv_rows
from .forms import FilterForm, TargetForm
from .queue import queue_snapshots
from .registry import find
from .rendering import drawn_tiles
from .scopes import Filters


def _dashboard(request: HttpRequest, *, centre: bool) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.filters()
    tiles = queries.tiles(public_only=not centre, filters=filters)
    return render(
        request,
        "measures/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "tiles": drawn_tiles(tiles, centre=centre),
            "centre": centre,
            "query": filters.query,
            "licence": LICENCE,
        },
    )


@public
def dashboard(request: HttpRequest) -> HttpResponse:
    """What the centre achieves, for everyone: the public measures."""
    return _dashboard(request, centre=False)


@centre_staff_only
def centre_dashboard(request: HttpRequest) -> HttpResponse:
    """Every measure, with targets to set."""
    return _dashboard(request, centre=True)


def _tile(
    request: HttpRequest, key: str, *, centre: bool
) -> tuple[queries.Tile, Filters, FilterForm]:
    form = FilterForm(request.GET or None)
    filters = form.filters()
    tile = queries.tile(key=key, public_only=not centre, filters=filters)
    if tile is None:
        raise Http404
    return tile, filters, form


def _detail(request: HttpRequest, key: str, *, centre: bool) -> HttpResponse:
    tile, filters, form = _tile(request, key, centre=centre)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "tile": tile,
            "drawn": drawn_tiles([tile], centre=centre, detail=True)[0],
            "form": form,
            "filters": filters,
            "centre": centre,
            "query": filters.query,
            "licence": LICENCE,
        },
    )


@public
def measure_detail(request: HttpRequest, key: str) -> HttpResponse:
    return _detail(request, key, centre=False)


@centre_staff_only
def centre_measure_detail(request: HttpRequest, key: str) -> HttpResponse:
    return _detail(request, key, centre=True)


def _csv(request: HttpRequest, key: str, *, centre: bool) -> HttpResponse:
    tile, filters, _form = _tile(request, key, centre=centre)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}.csv"'
    response["Link"] = LINK_HEADER
    response.write("\ufeff")  # so that spreadsheets read the Welsh letters as UTF-8
    writer = csv.writer(response)
    for row in csv_rows([tile], filters=filters):
        writer.writerow(row)
    return response


@public
def measure_csv(request: HttpRequest, key: str) -> HttpResponse:
    """A public measure's history as CSV, both languages in every header."""
    return _csv(request, key, centre=False)


@centre_staff_only
def centre_measure_csv(request: HttpRequest, key: str) -> HttpResponse:
    return _csv(request, key, centre=True)


@centre_staff_only
def target_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Set, change or remove a measure's target."""
    measure = find(key)
    if measure is None:
        raise Http404
    current = queries.targets().get(key)
    percent = measure.unit == Unit.PERCENT
    if request.method == "POST":
        if "remove" in request.POST:
            actions.remove_target(measure_key=key, by=request.user)
            messages.success(request, _("The target has been removed."))
            return redirect("measures:centre_dashboard")
        form = TargetForm(request.POST, percent=percent)
        if form.is_valid():
            actions.set_target(measure_key=key, value=form.cleaned_data["value"], by=request.user)
            messages.success(request, _("The target has been saved."))
            return redirect("measures:centre_dashboard")
    else:
        form = TargetForm(initial={"value": current}, percent=percent)
    return render(
        request,
        "measures/target_edit.html",
        {"measure": measure, "form": form, "current": current},
    )


@centre_staff_only
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    """Ask the worker to work every measure out again now."""
    queue_snapshots(on=timezone.localdate())
    messages.success(
        request, _("The figures are being worked out again. Refresh this page in a minute.")
    )
    return redirect("measures:centre_dashboard")
