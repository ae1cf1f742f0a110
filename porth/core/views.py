"""Pages that belong to the whole site: health, error pages and the component gallery."""

import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .permissions import public

logger = logging.getLogger(__name__)


def _queue_is_reachable() -> bool:
    if settings.TASK_BACKEND == "rq":
        import django_rq

        return bool(django_rq.get_connection("default").ping())
    if settings.TASK_BACKEND == "database":
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


@public
def component_gallery(request: HttpRequest) -> HttpResponse:
    """Every shared component on one page, so designers can check both languages (DEBUG only)."""
    if not settings.DEBUG:
        raise Http404
    from django import forms

    class ExampleForm(forms.Form):
        name = forms.CharField(help_text="Hint text")
        choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = ExampleForm(data={"name": ""})
    form.is_valid()
    return render(request, "core/component_gallery.html", {"form": form})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 page in the visitor's language that relies on nothing that may have failed."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page itself failed to render")
        return HttpResponse(
            "<h1>Mae problem gyda'r gwasanaeth / Sorry, there is a problem with the service</h1>",
            status=500,
        )
