"""Importing a spreadsheet: upload, progress, preview with every problem, confirm, summary."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core.permissions import Role, is_centre_staff, organisation_role, signed_in
from porth.organisations.models import Organisation

from .. import imports, queue
from ..forms import ImportChoicesForm, ImportForm
from ..imports import exchange
from ..imports.blank import blank_template
from ..models import ImportKind, ImportStatus, SpreadsheetImport
from ..queries import editable_organisations, import_outcome

PROBLEMS_PER_PAGE = 100
PREVIEW_PER_PAGE = 100
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _kind(kind: str) -> str:
    if kind not in ImportKind.values:
        raise Http404
    return kind


@signed_in
def import_start(request: HttpRequest, kind: str) -> HttpResponse:
    """Choose the organisation to import for (straight on if there is only one)."""
    kind = _kind(kind)
    organisations = list(editable_organisations(request.user))
    if len(organisations) == 1:
        return redirect("register:import_create", slug=organisations[0].slug, kind=kind)
    return render(
        request,
        "register/import_start.html",
        {"organisations": organisations, "kind": kind, "kind_label": ImportKind(kind).label},
    )


@organisation_role(Role.EDITOR)
def import_create(request: HttpRequest, organisation: Organisation, kind: str) -> HttpResponse:
    kind = _kind(kind)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        centre_staff=kind == ImportKind.SERVICES and is_centre_staff(request.user),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = imports.start_import(
            organisation=organisation,
            kind=kind,
            file_name=upload.name,
            data=upload.read(),
            uploaded_by=request.user,
            several_bodies=form.cleaned_data.get("several_bodies", False),
        )
        queue.queue_import_check(spreadsheet_import=record)
        return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)
    return render(
        request,
        "register/import_create.html",
        {"organisation": organisation, "kind": kind, "form": form},
    )


@organisation_role(Role.EDITOR)
def import_template(
    request: HttpRequest, organisation: Organisation, kind: str, file_format: str
) -> HttpResponse:
    kind = _kind(kind)
    if file_format not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(
        blank_template(kind, file_format, get_language()), content_type=CONTENT_TYPES[file_format]
    )
    name = f"porth-{kind}-template.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _record(organisation: Organisation, pk: int) -> SpreadsheetImport:
    """Only the organisation's own imports: the URL's body was checked, so this keeps a
    person to imports of a body they may edit."""
    return get_object_or_404(
        SpreadsheetImport.objects.defer("file_data"), pk=pk, organisation=organisation
    )


def _problem_rows(record: SpreadsheetImport, request: HttpRequest) -> dict:
    paginator = Paginator(record.problems, PROBLEMS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "problem_page": page,
        "problem_rows": [exchange.problem_row(problem) for problem in page.object_list],
        "problem_groups": exchange.problem_groups(record.problems),
    }


def _outcome(record: SpreadsheetImport) -> dict:
    return (record.summary if record.status == ImportStatus.APPLIED else record.preview) or {}


def _preview_rows(record: SpreadsheetImport, request: HttpRequest) -> dict:
    """One page of the preview's rows, and every flagged row, without reading the rest."""
    rows, flagged = import_outcome(record)
    page = Paginator(rows, PREVIEW_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "preview_page": page,
        "preview_rows": page.object_list,
        "flagged_rows": [
            {**row, "chosen": record.decisions.get(str(row["row"]), "")} for row in flagged
        ],
    }


@organisation_role(Role.EDITOR)
def import_detail(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Progress while the worker works, then the preview and every problem, then the summary."""
    record = get_object_or_404(
        SpreadsheetImport.objects.defer("file_data", "preview", "summary"),
        pk=pk,
        organisation=organisation,
    )
    if record.status == ImportStatus.MAPPING:
        return redirect("register:import_mapping", slug=organisation.slug, pk=record.pk)
    context = {
        "organisation": organisation,
        "record": record,
        "statuses": ImportStatus,
        "notice": imports.describe({"code": record.notice, "params": {}}) if record.notice else "",
    }
    if record.problems:
        context.update(_problem_rows(record, request))
    elif record.status in (ImportStatus.CHECKED, ImportStatus.APPLIED):
        context.update(_preview_rows(record, request))
    return render(request, "register/import_detail.html", context)


def _download(record: SpreadsheetImport, what: str, file_format: str, table: tuple) -> HttpResponse:
    headers, rows = table
    response = HttpResponse(
        exchange.table_file(headers, rows, file_format), content_type=CONTENT_TYPES[file_format]
    )
    name = f"porth-import-{record.pk}-{what}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@organisation_role(Role.EDITOR)
def import_preview_download(
    request: HttpRequest, organisation: Organisation, pk: int, file_format: str
) -> HttpResponse:
    """Every row of the preview (or of the summary once applied), whatever its size: one line
    per changed field, with its before and after (ADR 0040)."""
    if file_format not in CONTENT_TYPES:
        raise Http404
    record = _record(organisation, pk)
    table = exchange.preview_table(_outcome(record), kind=record.kind)
    return _download(record, "preview", file_format, table)


@organisation_role(Role.EDITOR)
def import_problems_download(
    request: HttpRequest, organisation: Organisation, pk: int, file_format: str
) -> HttpResponse:
    """Every problem found, with its row, column, bad value and message."""
    if file_format not in CONTENT_TYPES:
        raise Http404
    record = _record(organisation, pk)
    return _download(record, "problems", file_format, exchange.problems_table(record.problems))


@organisation_role(Role.EDITOR)
@require_POST
def import_choose(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """The person's choices on the preview: empty cells, and each possible duplicate."""
    record = _record(organisation, pk)
    rows = (record.preview or {}).get("rows", [])
    flagged = [row for row in rows if row["action"] in ("duplicate", "skipped")]
    form = ImportChoicesForm(request.POST, flagged=flagged)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with each row that may be a duplicate."))
        return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)
    try:
        imports.choose_for_import(
            spreadsheet_import=record,
            empty_cells_clear=form.cleaned_data["empty_cells_clear"],
            decisions=form.decisions(),
            chosen_by=request.user,
        )
        queue.queue_import_check(spreadsheet_import=record)
    except imports.ImportNotReady:
        messages.error(request, _("This import cannot be applied. Upload the file again."))
    return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)


@organisation_role(Role.EDITOR)
def import_progress(request: HttpRequest, organisation: Organisation, pk: int) -> JsonResponse:
    """What the progress bar's script asks for every few seconds."""
    record = _record(organisation, pk)
    return JsonResponse(
        {
            "status": record.status,
            "in_progress": record.is_in_progress,
            "percent": record.percent_checked,
            "text": _("%(percent)s%% checked") % {"percent": record.percent_checked},
        }
    )


@organisation_role(Role.EDITOR)
@require_POST
def import_confirm(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    record = _record(organisation, pk)
    try:
        imports.confirm_import(spreadsheet_import=record, confirmed_by=request.user)
        queue.queue_import_apply(spreadsheet_import=record)
    except imports.ImportAlreadyApplying:
        messages.info(request, _("This file is already being imported. Nothing is imported twice."))
    except imports.ImportNotReady:
        messages.error(request, _("This import cannot be applied. Upload the file again."))
    return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)


@organisation_role(Role.EDITOR)
@require_POST
def import_recover(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """Someone asks whether an import that shows no progress has lost its worker."""
    record = _record(organisation, pk)
    if not imports.recover_abandoned_imports(import_id=record.pk):
        messages.info(
            request,
            _("The file is still being worked on. Check again in a minute."),
        )
    return redirect("register:import_detail", slug=organisation.slug, pk=record.pk)
