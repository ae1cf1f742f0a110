"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment, with a
default that needs no set-up (SQLite, the database task queue, emails written to files). See the
table in README.md.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; anything but 1/true/yes/on is no."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The development key is only ever used with DEBUG on: production.py refuses to start without
# its own SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "porth-development-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "porth.core",
    "porth.accounts",
    "porth.organisations",
    "porth.pages",
    "porth.register",
    "porth.standards",
    "porth.open_data",
    "porth.baseline",
    "porth.learning",
    "porth.engagements",
    "porth.panels",
    "porth.skills",
    "porth.measures",
    "porth.insight",
    "porth.newsletter",
    "porth.following",
    "porth.moderation",
    "porth.blog",
    "porth.communities",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_localize",
    "wagtail_localize.locales",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text and trigram search for the service register on PostgreSQL (harmless on SQLite).
    "django.contrib.postgres",
    # Prometheus metrics at /metrics (porth.core.metrics, docs/deploy.md)
    "django_prometheus",
]

MIDDLEWARE = [
    # First and last: django-prometheus times everything between them.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "porth.core.middleware.RequestLogMiddleware",
    # Cache-Control for a CDN on pages kept for anonymous readers (ADR 0053): outside the
    # session middleware, so it can drop the `Vary: Cookie` that one adds.
    "porth.core.pagecache.PublicCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "porth.core.middleware.RememberLanguageMiddleware",
    "porth.core.middleware.RejectUnreadableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "porth.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "porth.core.middleware.AdminCSPExemptionMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Counts page views in memory, never a database write per request (ADR 0039).
    "porth.insight.middleware.PageViewMiddleware",
    # Whole pages for anonymous readers from the shared cache (ADR 0053): after the audience
    # count and authentication, so hits are counted and signed-in people are never served one.
    "porth.core.pagecache.AnonymousPageCacheMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "porth.core.context_processors.porth",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves pages while `db_worker` writes to the same file
    # (docs/adr/0024-sqlite-and-postgresql.md): WAL lets readers go on while one writes, a
    # writer waits up to 20 s for the lock instead of failing at once, and IMMEDIATE takes the
    # write lock when a transaction starts, so two writers queue instead of deadlocking.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Porth reads every server-side cursor (`.iterator()`: the downloads, the digests) to its
    # end, so PostgreSQL should plan them for all their rows, not the first tenth: otherwise
    # one body's download walked the whole register in id order (ADR 0068). Sent when the
    # connection starts, so it costs no query; a URL's own `options` are kept.
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["options"] = " ".join(
        filter(None, [database_options.get("options", ""), "-c cursor_tuple_fraction=1"])
    )
    # Behind PgBouncer in transaction mode a cursor may not outlive its transaction, so
    # Django's documentation asks for server-side cursors to be turned off (docs/deploy.md).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = os.environ.get(
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS", "false"
    ).lower() in {"1", "true", "yes"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# The bodies people hold roles in: core's permission decorators load it by this name.
PORTH_ORGANISATION_MODEL = "organisations.Organisation"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# --- Languages: see docs/adr/0002-language-url-scheme.md -----------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("cy", "Cymraeg"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["porth.core.formats"]
LANGUAGE_COOKIE_NAME = "porth_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# --- Shared storage: see docs/adr/0052-shared-storage.md ---------------------------------------
# Media (Wagtail images and documents) and the worker's stored downloads go to S3-compatible
# object storage when S3_BUCKET is set, so every web process on every machine sees the same
# files. Credentials come from the usual AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the
# machine's role); S3_ENDPOINT_URL names a non-AWS service (MinIO, Ceph, a cloud's own).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            # Objects stay private; links to them are signed for an hour unless a public
            # domain (a CDN in front of the bucket) is named.
            "default_acl": None,
            "querystring_auth": not os.environ.get("S3_CUSTOM_DOMAIN"),
            "querystring_expire": 3600,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
        },
    }

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# No 'unsafe-inline' anywhere on the public site; the Wagtail admin at /cms/ is exempted by
# porth.core.middleware.AdminCSPExemptionMiddleware (docs/adr/0004-govuk-branding.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Brute-force protection (django-axes) ----------------------------------------------------
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# allauth passes the address to authenticate() as `email`, so that is where axes must look.
AXES_USERNAME_FORM_FIELD = "email"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Accounts (django-allauth) ---------------------------------------------------------------
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_ADAPTER = "porth.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Porth: "
# Sign-ins a minute from one address before allauth answers 429: its own default, 30/m/ip. Only
# the load test raises it, as every simulated editor signs in from 127.0.0.1 (bench/load/run.py).
ACCOUNT_RATE_LIMITS = {"login": os.environ.get("PORTH_SIGN_IN_RATE", "30/m/ip")}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Porth"
MFA_ADAPTER = "porth.accounts.adapter.MFAAdapter"
# Our subclasses only relabel allauth's fields in GOV.UK style (porth/accounts/forms.py).
ACCOUNT_FORMS = {
    "login": "porth.accounts.forms.SignInForm",
    "signup": "porth.accounts.forms.SignUpForm",
    "reset_password": "porth.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "porth.accounts.forms.ResetPasswordKeyForm",
    "change_password": "porth.accounts.forms.ChangePasswordForm",
    "set_password": "porth.accounts.forms.SetPasswordForm",
    "reauthenticate": "porth.accounts.forms.ReauthenticateForm",
    "add_email": "porth.accounts.forms.AddEmailForm",
}
MFA_FORMS = {
    "authenticate": "porth.accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "porth.accounts.forms.MFAReauthenticateForm",
    "activate_totp": "porth.accounts.forms.ActivateTOTPForm",
}
# Centre staff and organisation admins must set up an authenticator app before anything else
# (porth.accounts.middleware.TwoFactorRequiredMiddleware).
PORTH_REQUIRE_TWO_FACTOR = True

# --- Background work: see docs/adr/0006-task-queue.md -----------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_BACKEND = os.environ.get("TASK_BACKEND", "rq" if REDIS_URL else "database")
if TASK_BACKEND == "rq":
    try:
        import django_tasks_rq  # noqa: F401
    except ImportError as missing:
        raise ImproperlyConfigured(
            "TASK_BACKEND=rq (or REDIS_URL) needs the Redis task queue's packages, which are "
            "optional: pip install -r requirements/redis.txt"
        ) from missing
    INSTALLED_APPS.append("django_rq")
    # RQ stops a job at its queue's timeout, 180 s unless set. Building the whole-register
    # downloads at 100,000 services takes about half an hour (ADR 62): at 180 s it was stopped
    # and retried for ever, never stored (ADR 65). A killed worker's job is still found within
    # about 90 s, by its lapsed heartbeat (ADR 56), whatever the timeout.
    RQ_QUEUES = {
        "default": {
            "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
            "DEFAULT_TIMEOUT": int(os.environ.get("RQ_JOB_TIMEOUT", "7200")),
        }
    }
    # RQ's forking worker, warmed before it forks a work horse for each job (ADR 71): a cold
    # horse paid 90 ms of CPU a job for imports and the address resolver, a warm one 36 ms.
    RQ = {"WORKER_CLASS": os.environ.get("RQ_WORKER_CLASS", "porth.core.rq_worker.WarmWorker")}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Cache: shared by every process when Redis is configured (docs/adr/0045-shared-cache.md) ---
# Rate limits and cached figures count in the cache; with one cache per process they would
# multiply by the number of processes.
REDIS_CACHE_URL = os.environ.get("REDIS_CACHE_URL", REDIS_URL)
if REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "porth"),
        }
    }
    # Sessions are written to the database and read from the shared cache, falling back to
    # the database when Redis has lost them (ADR 0064): one query fewer on every signed-in
    # request. Only with a shared cache: a per-process cache would keep a signed-out session
    # alive in the other processes.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Whole pages kept for anonymous readers (docs/adr/0053-anonymous-page-cache.md): how long a page
# may be kept (0 turns it off; off by default while DEBUG is on), and how long a CDN may keep one.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "60"))
# How long a page showing only some parts of a topic (a service's page, ADR 0070) may be kept:
# it is dropped when they change, so longer, but never past midnight (ADR 0071).
PAGE_CACHE_PART_SECONDS = int(os.environ.get("PAGE_CACHE_PART_SECONDS", "3600"))
# Kinds of change that drop only the pages that depend on them (ADR 0066): an editor's save
# names "register", and keeps the pages declared independent of it (the standards, the manual).
PAGE_CACHE_TOPICS = ("register",)
# How long a topic's change may wait to drop its pages, so a run of saves drops them once (ADR
# 0067): a register change reaches anonymous readers within this many seconds of committing.
PAGE_CACHE_SETTLE_SECONDS = int(os.environ.get("PAGE_CACHE_SETTLE_SECONDS", "0" if DEBUG else "30"))
# The biggest streamed answer (a body's download) the page cache keeps (ADR 0068); 0 keeps none.
PAGE_CACHE_MAX_STREAM_BYTES = int(os.environ.get("PAGE_CACHE_MAX_STREAM_BYTES", "4194304"))

# Prometheus scrapes /metrics with `Authorization: Bearer <METRICS_TOKEN>`; without a token the
# figures are shown only while DEBUG is on (porth.core.views.prometheus_metrics).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# --- Email: every message is queued, then sent by the worker with the real backend -----------
EMAIL_BACKEND = "porth.core.mail.QueuedEmailBackend"
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "file://"))
QUEUED_EMAIL_BACKEND = _email["EMAIL_BACKEND"]
# dj-email-url drops the leading "/" of file:///abs/path; a file URL always names an absolute
# folder here, and a bare "file://" means var/mail in the project.
_mail_folder = (_email.get("EMAIL_FILE_PATH") or "").strip("/")
EMAIL_FILE_PATH = f"/{_mail_folder}" if _mail_folder else str(VAR_DIR / "mail")
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Porth <porth@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Porth"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The CMS signs people in through allauth too, so two-factor authentication cannot be skipped.
# cms_login sends the signed-out there and tells the signed-in without access so (no loop).
WAGTAILADMIN_LOGIN_URL = "cms_login"
# The bodies people hold roles in: core's permission decorators load it by this name.
PORTH_ORGANISATION_MODEL = "organisations.Organisation"
# Private pages send people to the same sign-in; passwords are set and reset only through allauth.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# The bodies people hold roles in: core's permission decorators load it by this name.
PORTH_ORGANISATION_MODEL = "organisations.Organisation"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Logging: one JSON object a line, so that log tooling can read it ------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        }
    },
    "filters": {"request_id": {"()": "porth.core.request_ids.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs every page edit at INFO; the audit trail is in its own log table.
        "wagtail": {"level": "WARNING"},
    },
}

PORTH_DEMO_PASSWORD = os.environ.get("PORTH_DEMO_PASSWORD", "porth-demo-2026")

# Where people write to the team that runs Porth; `manage.py seed` puts it on the contact, privacy,
# accessibility and Welsh language pages.
PORTH_CONTACT_EMAIL = os.environ.get("PORTH_CONTACT_EMAIL", "porth@localhost")

# --- Open data API: see docs/adr/0009-open-data.md ----------------------------------------------
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
# Requests without a token, per client address (docs/adr/0049); "N/second|minute|hour|day".
PORTH_API_ANONYMOUS_RATE = os.environ.get("PORTH_API_ANONYMOUS_RATE", "120/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Porth API",
    "DESCRIPTION": (
        "The register of digital public services in Wales. Open Government Licence v3.0."
    ),
    "VERSION": "1",
    "LICENSE": {
        "name": "Open Government Licence v3.0",
        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["porth.open_data.apidocs.only_open_data_api"],
}

# Unfiltered open-data downloads are the whole register: the worker builds and stores them, and
# requests serve the stored copy (docs/adr/0052-shared-storage.md).
OPEN_DATA_STORED_DOWNLOADS = env_bool("OPEN_DATA_STORED_DOWNLOADS", True)

# --- Register imports: see docs/adr/0012-bulk-import.md ---------------------------------------
# The largest spreadsheet a body may upload; bigger files are refused with a message.
REGISTER_IMPORT_MAX_BYTES = int(os.environ.get("REGISTER_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# Bounds on what one import may cost the worker (docs/adr/0017-bounded-recoverable-imports.md).
REGISTER_IMPORT_MAX_SERVICE_ROWS = int(os.environ.get("REGISTER_IMPORT_MAX_SERVICE_ROWS", "10000"))
REGISTER_IMPORT_MAX_FIGURE_ROWS = int(os.environ.get("REGISTER_IMPORT_MAX_FIGURE_ROWS", "100000"))
REGISTER_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("REGISTER_IMPORT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024))
)
REGISTER_IMPORT_MAX_CELL_CHARS = int(os.environ.get("REGISTER_IMPORT_MAX_CELL_CHARS", "32767"))
REGISTER_IMPORT_MAX_PROBLEMS = int(os.environ.get("REGISTER_IMPORT_MAX_PROBLEMS", "200"))
REGISTER_IMPORT_MAX_SECONDS = int(os.environ.get("REGISTER_IMPORT_MAX_SECONDS", "600"))

# --- Newsletter: see docs/adr/0035-newsletter.md ----------------------------------------------
# How many newsletter emails a second the worker sends (a batch, then a pause).
NEWSLETTER_SEND_RATE = int(os.environ.get("NEWSLETTER_SEND_RATE", "50"))
# EMAIL_SENDER=notify sends every queued email through GOV.UK Notify instead of EMAIL_URL's
# server; Notify needs an API key and the id of a template whose subject is ((subject)) and whose
# body is ((body)).
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
if os.environ.get("EMAIL_SENDER", "smtp") == "notify":
    QUEUED_EMAIL_BACKEND = "porth.newsletter.notify.NotifyEmailBackend"
