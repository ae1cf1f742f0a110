"""Settings for the test suite: fast hashing, tasks run at once, mail kept in memory."""

import os

os.environ.setdefault("TASK_BACKEND", "immediate")

from .base import *  # noqa: F403
from .base import VAR_DIR as _SHARED_VAR_DIR

# Each pytest-xdist worker is its own machine. Its file locks (porth.core.locks on SQLite) and
# files must not be taken by another worker's tests, just as PostgreSQL's advisory locks belong
# to each worker's own test database.
VAR_DIR = _SHARED_VAR_DIR / "test" / os.environ.get("PYTEST_XDIST_WORKER", "main")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "test-mail")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Lets tests about other things sign in admins who have no authenticator app;
# porth/accounts/tests/test_two_factor.py turns it back on.
PORTH_REQUIRE_TWO_FACTOR = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Unfiltered downloads stream here as filtered ones do, so the download tests read live rows;
# porth/open_data/tests/test_stored_downloads.py turns the stored copies back on.
OPEN_DATA_STORED_DOWNLOADS = False
# Tests read pages straight after writing rows with factories; the page cache's own tests turn
# it on (porth/core/tests/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
# A change drops its pages at once; the page cache's own tests try settling.
PAGE_CACHE_SETTLE_SECONDS = 0
