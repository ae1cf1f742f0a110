"""The mapping page: match a file's own columns and values to Porth's (docs/adr/0047)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from porth.core.permissions import Role, organisation_role
from porth.organisations.models import Organisation

from .. import imports, queue
from ..forms import ImportMappingForm
from ..imports.mapping import saved_mapping, suggested_columns
from .imports import _record


@organisation_role(Role.EDITOR)
def import_mapping(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Which Porth column each of the file's columns is, or to ignore it, and what its values
    mean; offered from this file's mapping, else the body's saved one, else by column name."""
    record = _record(organisation, pk)
    if not record.may_be_mapped or not record.file_columns.get("headers"):
        return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)
    saved = saved_mapping(organisation, record.kind)
    headers = record.file_columns["headers"]
    remembered = (record.mapping or {}).get("values") or (saved.values if saved else {})
    form = ImportMappingForm(
        request.POST if request.method == "POST" else None,
        kind=record.kind,
        profile=record.file_columns,
        suggested=suggested_columns(record.kind, headers, saved, record.mapping),
        remembered=remembered,
        also_required=("organisation",) if record.several_bodies else (),
    )
    if request.method == "POST":
        if "show_values" in request.POST or form.values_to_show:
            # Nothing saved yet: the same page again, as the person left it, now asking what
            # the values of the columns they chose mean.
            form = ImportMappingForm(
                kind=record.kind,
                profile=record.file_columns,
                suggested=form.chosen(),
                remembered=form.values_as_posted(remembered),
                also_required=form.also_required,
            )
            context = _context(organisation, record, form, saved, showing_values=True)
            return render(request, "register/import_mapping.html", context)
        if form.is_valid():
            try:
                imports.map_import(
                    spreadsheet_import=record, mapping=form.mapping(), mapped_by=request.user
                )
                queue.queue_import_check(spreadsheet_import=record)
            except imports.ImportNotReady:
                messages.error(request, _("This import cannot be applied. Upload the file again."))
            return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)
    return render(
        request, "register/import_mapping.html", _context(organisation, record, form, saved)
    )


def _context(organisation, record, form, saved, *, showing_values: bool = False) -> dict:
    return {
        "organisation": organisation,
        "record": record,
        "form": form,
        "saved": saved,
        "showing_values": showing_values,
        # What stopped the file at its columns (a row's problems are on the import's page).
        "refusals": [
            imports.describe(problem) for problem in record.problems if problem.get("row") is None
        ][:5],
        "more_values": [
            record.file_columns["headers"][position]
            for position, more in enumerate(record.file_columns.get("more", []))
            if more
        ],
    }
