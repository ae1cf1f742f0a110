"""Error reports to Sentry, only when `SENTRY_DSN` is set, with personal details taken out.

`config/settings/production.py` calls `init_sentry(os.environ)`. Without `SENTRY_DSN` nothing
is imported or started. With it, Sentry gets the error, its stack (without local variables),
the URL path, the method, the request ID and the release, and never: request bodies, cookies,
query strings, headers that identify someone, the user's email or name, or email addresses and
phone numbers inside messages (docs/deploy.md, "Error reports").

This module is imported by the settings, before Django's apps are ready: it must not import
models.
"""

from collections.abc import Mapping
from typing import Any

from . import request_ids
from .redact import redact_personal_details

# Headers Sentry may keep: nothing that identifies a person or carries a secret.
KEPT_HEADERS = {"accept", "accept-language", "content-type", "host", "user-agent", "x-request-id"}
REMOVED = "[removed]"


def _scrub_text(value: Any) -> Any:
    return redact_personal_details(value) if isinstance(value, str) else value


def _scrub_request(request: dict) -> None:
    for key in ("data", "cookies", "query_string", "env"):
        if key in request:
            request[key] = REMOVED
    headers = request.get("headers")
    if isinstance(headers, dict):
        request["headers"] = {
            name: value for name, value in headers.items() if name.lower() in KEPT_HEADERS
        }
    if isinstance(request.get("url"), str):
        request["url"] = request["url"].split("?", 1)[0]


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's `before_send`: strip request bodies, cookies and personal details from an event.

    Runs on every event in the process that raised, before anything leaves the machine.
    """
    request = event.get("request")
    if isinstance(request, dict):
        _scrub_request(request)
    user = event.get("user")
    if isinstance(user, dict):
        # The account's number is enough to find it; its email, name and address are not sent.
        event["user"] = {"id": user["id"]} if "id" in user else {}
    if "message" in event:
        event["message"] = _scrub_text(event["message"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry["message"] = _scrub_text(logentry.get("message"))
        logentry.pop("params", None)
    for exception in (event.get("exception") or {}).get("values", []) or []:
        exception["value"] = _scrub_text(exception.get("value"))
        for frame in (exception.get("stacktrace") or {}).get("frames", []) or []:
            frame.pop("vars", None)
    breadcrumbs = event.get("breadcrumbs")
    values = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else breadcrumbs
    for crumb in values or []:
        crumb["message"] = _scrub_text(crumb.get("message"))
        crumb.pop("data", None)
    event.pop("extra", None)
    if request_ids.current():
        event.setdefault("tags", {})["request_id"] = request_ids.current()
    return event


def sentry_options(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """What `sentry_sdk.init` is given, or None when `SENTRY_DSN` is not set."""
    dsn = environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return None
    return {
        "dsn": dsn,
        "release": environ.get("SENTRY_RELEASE") or environ.get("RELEASE") or None,
        "environment": environ.get("SENTRY_ENVIRONMENT", "production"),
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": scrub_event,
        "traces_sample_rate": float(environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    }


def init_sentry(environ: Mapping[str, str]) -> bool:
    """Start Sentry when `SENTRY_DSN` is set; say whether it was started."""
    options = sentry_options(environ)
    if options is None:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(integrations=[DjangoIntegration()], **options)
    return True
