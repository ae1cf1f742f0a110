"""Porth's URLs and a bare Django view, only for benchmarks (bench/stack_settings.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as porth_urlpatterns
from porth.core.permissions import public


@public
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bare", bare), *porth_urlpatterns]
