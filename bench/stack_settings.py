"""Production settings plus one bare view at /bare, for bench/anonymous_pages.py to measure
against: the same gunicorn, middleware and database, with no page behind it."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.stack_urls"
