"""Middleware for language memory, request logging, unreadable input and the admin's CSP
exemption."""

import logging
import time

from django.conf import settings
from django.utils.translation import get_language, get_language_from_path

from . import request_ids
from .inputs import request_is_unreadable
from .views import unreadable_input

request_logger = logging.getLogger("porth.request")
input_logger = logging.getLogger("porth.inputs")


class RememberLanguageMiddleware:
    """Remember the language of the last page a person chose to read.

    Every language switch is a link to the same page under the other prefix, so the prefix of a
    page that was served is the person's latest choice. Storing it in the language cookie means
    `/` (and any unprefixed link) sends them back to that language next time, ahead of what their
    browser prefers (docs/adr/0002-language-url-scheme.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if (
            language
            and response.status_code < 400
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                httponly=True,
            )
        return response


class AdminCSPExemptionMiddleware:
    """Let the Wagtail admin run its two inline scripts; the public site keeps the strict policy.

    Listed after CSPMiddleware, so its response handling runs first and marks the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/cms/"):
            response._csp_exempt = True
        return response


class RequestLogMiddleware:
    """One structured log line per request: what was asked, the answer and how long it took.

    It records the URL pattern rather than the address, so that tokens in addresses (an
    invitation link, say) never reach the logs. Listed after WhiteNoise, so static files are
    not logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.id = request_ids.request_id_from(request.headers.get(request_ids.HEADER))
        token = request_ids.begin(request.id)
        try:
            response = self.get_response(request)
            self._log(request, response, started)
        finally:
            request_ids.end(token)
        response[request_ids.HEADER] = request.id
        return response

    def _log(self, request, response, started: float) -> None:
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "request",
            extra={
                "method": request.method,
                "route": match.route if match else None,
                "view": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "language": get_language(),
            },
        )


class RejectUnreadableInputMiddleware:
    """Answer 400 to a request whose address, query string or form holds unreadable text.

    A NUL character or bytes that are not UTF-8 can never match anything Porth stores, and
    PostgreSQL refuses a NUL outright: checked here, once, before any view, form or query sees
    it, every page, download and API call answers the same bilingual 400 instead of a 500 or a
    download cut off after its first line (docs/adr/0019-input-validation.md). Listed after
    LocaleMiddleware, so the page is in the language of its address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_is_unreadable(request):
            input_logger.warning("unreadable input refused", extra={"path": request.path})
            return unreadable_input(request)
        return self.get_response(request)
