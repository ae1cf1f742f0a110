"""A URLconf for tests only: the whole site, plus pages that always refuse or always fail."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

handler403 = "porth.core.views.permission_denied"
handler404 = "porth.core.views.page_not_found"
handler500 = "porth.core.views.server_error"


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("This page fails on purpose, to test the 500 page")


def greet(request: HttpRequest) -> HttpResponse:
    """Reads the signed-in person, and so the session: fails when the database does."""
    return HttpResponse(request.user.email)


urlpatterns = [
    *i18n_patterns(
        path("_test/refuse/", refuse),
        path("_test/explode/", explode),
        path("_test/greet/", greet),
        prefix_default_language=True,
    ),
    *site_urlpatterns,
]
