"""Production: refuses to start without secrets and passes `manage.py check --deploy`."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DEBUG", "false")

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("porth-development") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
DEBUG = False
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# `make stack` runs these settings over plain http on this machine. Only this explicit flag
# relaxes the secure cookies, HTTPS redirect and HSTS; `manage.py check --deploy` then warns.
if os.environ.get("PORTH_LOCAL_STACK", "").lower() in {"1", "true", "yes"}:
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_PRELOAD = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    LANGUAGE_COOKIE_SECURE = False

# Error reports to Sentry only when SENTRY_DSN is set, with personal details stripped
# (porth/core/error_reports.py, docs/deploy.md).
from porth.core.error_reports import init_sentry  # noqa: E402

SENTRY_ENABLED = init_sentry(os.environ)
