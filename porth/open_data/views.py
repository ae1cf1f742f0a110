"""Open data pages: what the data is, downloads, snapshots, the landscape and API tokens."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core import stored_files
from porth.core.charts import ChartRow, bar_chart
from porth.core.language import current_language
from porth.core.licence import LICENCE
from porth.core.pagecache import shows_parts
from porth.core.permissions import centre_staff_only, is_centre_staff, public, signed_in
from porth.core.views import bad_input
from porth.register.queries import (
    editable_organisations,
    import_dictionary,
    import_dictionary_csv,
)
from porth.register.signals import PAGE_TOPIC as REGISTER_TOPIC
from porth.register.signals import body_part
from porth.standards import queries as standards

from . import actions, queue
from .api.conventions import anonymous_limit
from .apidocs import endpoints
from .columns import METRIC_COLUMNS, SERVICE_COLUMNS, metric_rows, service_rows
from .formats import FORMATS, download, stored_download_name
from .forms import OpenDataFilters, SnapshotForm, TokenForm
from .models import RegisterSnapshot, SnapshotReason
from .queries import (
    changes_since,
    metric_values_for_open_data,
    organisations_for_tokens,
    services_for_open_data,
    snapshots_for_list,
    stored_landscape_figures,
    tokens_of,
)
from .reports import REPORT_COLUMNS, STATISTICS_COLUMNS, report_rows, statistics_rows


@public
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "open_data/overview.html",
        {
            "licence": LICENCE,
            "formats": FORMATS,
            "query": request.GET.urlencode(),
            "latest_snapshot": snapshots_for_list().first(),
        },
    )


def _stored_download(request: HttpRequest, name: str, file_format: str) -> HttpResponse:
    """The whole-register file the worker built, from shared storage; 503 until it has built
    one (after a deploy, `manage.py build_downloads` asks it to). Never built here."""
    stored = stored_files.latest(stored_download_name(name, file_format))
    if stored is None:
        response = render(request, "open_data/download_not_ready.html", status=503)
        response["Retry-After"] = "300"
        return response
    return stored_files.response_for(request, stored)


def _whole_register_is_stored(request: HttpRequest) -> bool:
    """No query string: the download is the whole register, which the worker builds and stores
    (docs/adr/0052-shared-storage.md). Tests of the streamed files turn this off."""
    return not request.GET and getattr(settings, "OPEN_DATA_STORED_DOWNLOADS", True)


@public
def data_dictionary(request: HttpRequest) -> HttpResponse:
    """What each column of the register's import templates holds, and every code list, so a
    body can fill in a template and anyone can read the codes in the downloads (ADR 0047)."""
    return render(request, "open_data/data_dictionary.html", import_dictionary())


@public
def data_dictionary_download(request: HttpRequest, kind: str) -> HttpResponse:
    """One kind of import's data dictionary as CSV, the file beside the CSV template."""
    if kind not in ("services", "metrics"):
        raise Http404
    response = HttpResponse(import_dictionary_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="porth-{kind}-data-dictionary.csv"'
    return response


def _bodies_downloaded(request: HttpRequest, **_kwargs: str) -> list[str] | None:
    """A download of some bodies' services shows only their parts of the register, so the
    page cache keeps it while other bodies' services change (ADR 0070). Read as the download
    reads its filters: a body it does not know selects nothing, not everything."""
    bodies = OpenDataFilters(request.GET).services.organisations
    return [body_part(slug) for slug in bodies] if bodies else None


@shows_parts(REGISTER_TOPIC, _bodies_downloaded)
@public
def service_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """The register list as a file: takes the list's own query string (?area=…&welsh=…).
    Without one, the whole register, as the worker last stored it."""
    if _whole_register_is_stored(request):
        return _stored_download(request, "services", file_format)
    filters = OpenDataFilters(request.GET)
    if filters.date_errors:
        return bad_input(request, filters.date_errors)
    services = services_for_open_data(filters.services, updated_since=filters.updated_since)
    return download(
        file_format, SERVICE_COLUMNS, service_rows(services), name="services", path=request.path
    )


@shows_parts(REGISTER_TOPIC, _bodies_downloaded)
@public
def metric_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """Figures of the services the register list's query string selects. Without one, every
    figure, as the worker last stored them."""
    if _whole_register_is_stored(request):
        return _stored_download(request, "metrics", file_format)
    filters = OpenDataFilters(request.GET)
    if filters.date_errors:
        return bad_input(request, filters.date_errors)
    values = metric_values_for_open_data(filters.metrics())
    return download(
        file_format, METRIC_COLUMNS, metric_rows(values), name="metrics", path=request.path
    )


@public
def review_report_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """Published review reports: takes the public list's own query string (?phase=…&year=…)."""
    rows = report_rows(standards.report_filters(request.GET))
    return download(file_format, REPORT_COLUMNS, rows, name="review-reports", path=request.path)


@public
def standards_statistics_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """The figures of the standards across Wales, with that page's filters (?body_type=…)."""
    numbers = standards.wales_statistics(**standards.statistics_filters(request.GET))
    return download(
        file_format,
        STATISTICS_COLUMNS,
        statistics_rows(numbers),
        name="standards-statistics",
        path=request.path,
    )


@signed_in
def token_list(request: HttpRequest) -> HttpResponse:
    """A person's tokens, and a form to make one. The new token is shown on this response
    only: it is not stored, so the page cannot show it again."""
    staff = is_centre_staff(request.user)
    bodies = organisations_for_tokens(request.user)
    may_create = staff or bodies.exists()
    form = TokenForm(request.POST or None, organisations=bodies, is_centre_staff=staff)
    new_token = secret = None
    if request.method == "POST" and may_create and form.is_valid():
        new_token, secret = actions.create_token(
            person=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            organisations=form.cleaned_data["organisations"],
            for_all_organisations=form.cleaned_data.get("for_all_organisations", False),
            lifetime_days=form.cleaned_data["lifetime_days"],
        )
        form = TokenForm(organisations=bodies, is_centre_staff=staff)
    return render(
        request,
        "open_data/token_list.html",
        {
            "form": form,
            "secret": secret,
            "new_token": new_token,
            "tokens": list(tokens_of(request.user)),
            "may_create": may_create,
            "editable": list(editable_organisations(request.user)) if not staff else [],
            "is_centre_staff": staff,
        },
    )


@signed_in
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    actions.revoke_token(token=token, by=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("open_data:token_list")


@public
def snapshot_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "open_data/snapshot_list.html",
        {
            "snapshots": list(snapshots_for_list()),
            "formats": FORMATS,
            "form": SnapshotForm() if is_centre_staff(request.user) else None,
        },
    )


@centre_staff_only
@require_POST
def snapshot_create(request: HttpRequest) -> HttpResponse:
    """Queue a snapshot: reading every service is the worker's job, not a request's."""
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "open_data/snapshot_list.html",
            {"snapshots": list(snapshots_for_list()), "formats": FORMATS, "form": form},
            status=400,
        )
    queue.queue_snapshot(
        reason=SnapshotReason.ON_DEMAND,
        label_en=form.cleaned_data["label_en"],
        label_cy=form.cleaned_data["label_cy"],
        taken_by_id=request.user.pk,
    )
    messages.success(
        request, _("The snapshot is being taken. It will appear in the list in a few minutes.")
    )
    return redirect("open_data:snapshot_list")


@public
def snapshot_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    snapshot = get_object_or_404(RegisterSnapshot, pk=pk)
    name = f"snapshot-{snapshot.taken_at:%Y-%m-%d-%H%M}"
    return download(
        file_format,
        SERVICE_COLUMNS,
        snapshot.iter_rows(),
        name=name,
        path=request.path,
        dated=False,
    )


@public
def snapshot_changes(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(RegisterSnapshot, pk=pk)
    return render(
        request,
        "open_data/snapshot_changes.html",
        {"snapshot": snapshot, "changes": changes_since(snapshot)},
    )


def _row(label: str, count: int) -> ChartRow:
    return ChartRow(label=label, value=count, value_text=number_format(count, force_grouping=True))


@public
def landscape(request: HttpRequest) -> HttpResponse:
    """The stored figures, however old, with the time they were worked out. The page never
    works them out or asks for them (both are writes; see `queue.queue_landscape_refresh`)."""
    stored = stored_landscape_figures(current_language())
    figures = stored.landscape if stored else None
    if figures is None:
        return render(request, "open_data/landscape_pending.html")
    charts = {
        name: bar_chart([_row(tally.label, tally.count) for tally in tallies])
        for name, tallies in (
            ("body_type", figures.by_body_type),
            ("phase", figures.by_phase),
            ("area", figures.by_area),
            ("channel", figures.by_channel),
            ("welsh", figures.by_welsh),
            ("welsh_steps", figures.by_welsh_steps),
        )
    }
    charts["products"] = bar_chart([_row(str(use.product), use.bodies) for use in figures.products])
    charts["transactions"] = bar_chart(
        [
            ChartRow(
                label=volume.label,
                value=volume.per_month,
                value_text=number_format(volume.per_month, force_grouping=True),
            )
            for volume in figures.transactions
        ]
    )
    return render(
        request,
        "open_data/landscape.html",
        {"figures": figures, "charts": charts, "worked_out_at": stored.worked_out_at},
    )


@public
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API's documentation, written from its OpenAPI schema in the reader's language."""
    return render(
        request,
        "open_data/api_docs.html",
        {
            "endpoints": endpoints(current_language()),
            "licence": LICENCE,
            "anonymous_limit": anonymous_limit(),
        },
    )


@public
def api_docs_redirect(request: HttpRequest) -> HttpResponse:
    """/api/v1/docs/ has no language in its address: send the reader to the page in theirs."""
    return redirect(reverse("open_data:api_docs"))
