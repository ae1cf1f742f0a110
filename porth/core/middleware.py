"""Middleware for language memory and the admin's content-security-policy exemption."""

from django.conf import settings
from django.utils.translation import get_language_from_path


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
