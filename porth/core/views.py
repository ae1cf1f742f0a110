"""Pages that belong to the whole site: health, error pages and the component gallery."""

import datetime
import hmac
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from prometheus_client import CONTENT_TYPE_LATEST

from . import audit, charts, retries
from . import metrics as prometheus_figures
from .edits import Difference, StaleEdit
from .forms import ComponentGalleryForm, DateExampleForm, example_answers, example_date_answers
from .inputs import UNREADABLE_INPUT
from .language import current_language
from .models import AuditEntry, FailedTask
from .permissions import Refused, centre_staff_only, public
from .site_search import MAX_QUERY_LENGTH, search_site

logger = logging.getLogger(__name__)
_oldest_waiting_task_age = prometheus_figures.oldest_waiting_task_age
COMPONENTS_DIR = Path(__file__).resolve().parent / "templates" / "components"


def _queue_is_reachable() -> bool:
    if settings.TASK_BACKEND == "rq":
        import django_rq  # optional (requirements/redis.txt): imported only when configured

        return bool(django_rq.get_connection("default").ping())
    if settings.TASK_BACKEND == "database":
        # Only when configured: its models exist only with the database backend installed.
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    return True


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and uptime checks: 200 only when the database and queue answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.exception("Health check: database unreachable")
        checks["database"] = "error"
    try:
        checks["queue"] = "ok" if _queue_is_reachable() else "error"
    except Exception:
        logger.exception("Health check: task queue unreachable")
        checks["queue"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def _readiness_checks() -> dict[str, str]:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.exception("Readiness: database unreachable")
        checks["database"] = "error"
    try:
        probe = f"porth:readyz:{uuid.uuid4().hex}"
        cache.set(probe, "1", timeout=10)
        checks["cache"] = "ok" if cache.get(probe) == "1" else "error"
        cache.delete(probe)
    except Exception:
        logger.exception("Readiness: cache unreachable")
        checks["cache"] = "error"
    try:
        age = _oldest_waiting_task_age()
        limit = datetime.timedelta(seconds=getattr(settings, "READYZ_MAX_QUEUE_AGE", 600))
        checks["queue"] = "ok" if _queue_is_reachable() and age <= limit else "error"
    except Exception:
        logger.exception("Readiness: task queue unreachable")
        checks["queue"] = "error"
    try:
        default_storage.exists("readyz-probe")
        checks["storage"] = "ok"
    except Exception:
        logger.exception("Readiness: storage unreachable")
        checks["storage"] = "error"
    return checks


@public
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """For deployments: 200 only when the database, cache, queue and storage all answer and no
    task has waited longer than READYZ_MAX_QUEUE_AGE seconds (default 600)."""
    checks = _readiness_checks()
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503
    )


@public
@never_cache
@require_GET
def prometheus_metrics(request: HttpRequest) -> HttpResponse:
    """For Prometheus: requests, latency, the queue and failed tasks (porth.core.metrics).

    With `METRICS_TOKEN` set, only a scrape that sends `Authorization: Bearer <token>` gets
    them; without it, only a development site (DEBUG) does. Anyone else gets a plain 403, so
    a public site never shows its figures by accident.
    """
    token = getattr(settings, "METRICS_TOKEN", "")
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not (settings.DEBUG if not token else hmac.compare_digest(sent.encode(), token.encode())):
        return HttpResponse("Forbidden", status=403, content_type="text/plain")
    return HttpResponse(prometheus_figures.exposition(), content_type=CONTENT_TYPE_LATEST)


def _example_chart() -> charts.BarChart:
    return charts.bar_chart(
        [
            charts.ChartRow(label=_("Online"), value=1240, value_text="1,240"),
            charts.ChartRow(label=_("By phone"), value=610, value_text="610"),
            charts.ChartRow(label=_("In person"), value=95, value_text="95"),
        ]
    )


@public
def component_gallery(request: HttpRequest) -> HttpResponse:
    """Every shared component on one page, so designers can check both languages (DEBUG only).

    The example form is bound to answers with mistakes, or to what was posted, so the error
    summary, inline errors and kept values can be tried out in either language.
    """
    if not settings.DEBUG:
        raise Http404
    if request.method == "POST":
        form = ComponentGalleryForm(data=request.POST, files=request.FILES)
    else:
        form = ComponentGalleryForm(data=example_answers())
    form.is_valid()
    return render(
        request,
        "core/component_gallery.html",
        {
            "form": form,
            # A second copy with its own ids, to show an error message outside a field.
            "separate_form": ComponentGalleryForm(data={}, prefix="separate"),
            "date_form": DateExampleForm(data=example_date_answers()),
            "components": sorted(path.stem for path in COMPONENTS_DIR.glob("*.html")),
            "example_timeline": _example_timeline(),
            "example_page": Paginator(range(120), 50).get_page(2),
            "example_numbered_page": Paginator(range(500), 20).get_page(6),
            "example_chart": _example_chart(),
            "example_stale_edit": StaleEdit(
                version=3,
                differences=[
                    Difference(
                        _("Name in English"), _("Pay council tax"), _("Pay your council tax")
                    ),
                    Difference(_("Channels"), [_("Online"), _("Phone")], [_("Online")]),
                ],
            ),
            "example_messages": [
                Message(messages.SUCCESS, _("Your changes have been saved")),
                Message(
                    messages.INFO,
                    _("The service will be unavailable on Sunday morning for maintenance."),
                ),
            ],
        },
    )


def _example_timeline() -> list[AuditEntry]:
    """Two audit entries as a timeline shows them; made for the gallery, never saved."""
    now = timezone.now()
    role = audit.in_both_languages(lambda: _("Role"))
    return [
        AuditEntry(
            title=audit.in_both_languages(lambda: _("Example: a role was changed")),
            actor_name="Alys Owen",
            recorded_at=now,
            changes=[
                {
                    "field": "role",
                    "label": role,
                    "before": audit.in_both_languages(lambda: _("Editor")),
                    "after": audit.in_both_languages(lambda: _("Organisation admin")),
                }
            ],
        ),
        AuditEntry(
            title=audit.in_both_languages(lambda: _("Example: a file was loaded")),
            actor_name="",
            recorded_at=now - datetime.timedelta(days=3),
        ),
    ]


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 403 page; a `Refused` adds its reason, in the page's language."""
    reason = exception.reason if isinstance(exception, Refused) else None
    return render(request, "403.html", {"reason": reason}, status=403)


@public
def cms_login(request: HttpRequest) -> HttpResponse:
    """Where Wagtail sends anyone it will not let into /cms/.

    Someone signed out goes to our sign-in page (keeping `?next=`). Someone signed in without
    the CMS permission used to be sent there too, which sent them back to /cms/, for ever: they
    now get one page saying they have no access, with a link back. Wagtail's own "no permission"
    message is dropped so the reason is said once.
    """
    if not request.user.is_authenticated:
        target = reverse("account_login")
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(f"{target}?{query}" if query else target)
    list(messages.get_messages(request))  # reading the queued messages clears them
    return render(request, "core/cms_no_access.html", status=403)


def bad_input(request: HttpRequest, problems: list) -> HttpResponse:
    """400 for input Porth cannot use, before any byte of the answer is sent.

    `problems` are lazy messages, shown in the reader's language and then, for someone who
    followed a link in the other language, in that one too. The API (unprefixed, read by
    programs) gets the same messages as JSON: `detail` in the request's language, and
    `detail_en` and `detail_cy`.
    """
    language = current_language()
    other = "en" if language == "cy" else "cy"
    if request.path_info.startswith("/api/"):
        body = {"detail": " ".join(str(problem) for problem in problems)}
        for code in ("en", "cy"):
            with override(code):
                body[f"detail_{code}"] = " ".join(str(problem) for problem in problems)
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    with override(other):
        in_other_language = [str(problem) for problem in problems]
    return render(
        request,
        "400.html",
        {
            "problems": [str(problem) for problem in problems],
            "in_other_language": in_other_language,
        },
        status=400,
    )


def unreadable_input(request: HttpRequest) -> HttpResponse:
    """What RejectUnreadableInputMiddleware answers: a NUL or text that is not UTF-8."""
    return bad_input(request, [UNREADABLE_INPUT])


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's own 400s (a suspicious request, too many fields) in the same words and page."""
    return unreadable_input(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 page in the visitor's language that relies on nothing that may have failed.

    The template leaves out whatever reads the session or the database; if rendering fails
    all the same, a bare page with the same words is better than Django's English default.
    """
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page itself failed to render")
        return HttpResponse(
            format_html(
                '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title>'
                "</head><body><h1>{}</h1><p>{}</p></body></html>",
                current_language(),
                _("Sorry, there is a problem with the service"),
                _("Sorry, there is a problem with the service"),
                _("Try again later."),
            ),
            status=500,
        )


@centre_staff_only
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every audited write across the platform, newest first (docs/adr/0020-audit-log.md)."""
    page = audit.timeline_page(audit.all_entries(), request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page})


@centre_staff_only
@require_GET
def failed_tasks(request: HttpRequest) -> HttpResponse:
    """Background work that failed its last retry, for centre staff to send again or dismiss."""
    page = Paginator(retries.open_failed_tasks(), 50).get_page(request.GET.get("page"))
    return render(request, "core/failed_tasks.html", {"page": page})


@centre_staff_only
@require_POST
def resolve_failed_task(request: HttpRequest, pk: int) -> HttpResponse:
    """Send one failed task again, or dismiss it (the button pressed says which)."""
    failed_task = get_object_or_404(FailedTask, pk=pk)
    resolve = (
        retries.retry_failed_task
        if request.POST.get("decision") == "retry"
        else retries.dismiss_failed_task
    )
    try:
        resolve(failed_task=failed_task, by=request.user)
    except retries.FailedTaskAlreadyResolved:
        messages.warning(request, _("Someone has already dealt with that task."))
    else:
        if resolve is retries.retry_failed_task:
            messages.success(request, _("The task has been queued again."))
        else:
            messages.success(request, _("The task has been dismissed."))
    return redirect("failed_tasks")


@public
@require_GET
def site_search(request: HttpRequest) -> HttpResponse:
    """One search over pages, guidance, the standards and the register (porth.core.site_search).

    A plain GET form: works without JavaScript, and a search is an address that can be shared.
    """
    query = request.GET.get("q", "")
    return render(
        request,
        "core/site_search.html",
        {"search": search_site(query), "max_length": MAX_QUERY_LENGTH},
    )
