"""Counts a view of each page people read, in memory (`counting`): never a database write."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .counting import count_view


class PageViewMiddleware:
    """Last in MIDDLEWARE: a successful GET of an HTML page under /en/ or /cy/ is counted by
    path, language, day and referring site. Nothing about the person is read or kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            count_view(
                path=request.path,
                referrer=request.META.get("HTTP_REFERER", ""),
                host=request.get_host(),
                today=timezone.localdate(),
            )
        return response
