"""Work a web process does once, before gunicorn forks its workers (ADR 0069).

gunicorn loads Porth in its master process (`preload_app`, config/gunicorn.conf.py) and forks
each worker from it, and again whenever a worker is recycled (`max_requests`). Whatever the
master has already done, every worker has for free: importing Django and the apps (about 3 s
of CPU), and, with `warm_up`, compiling Porth's templates and reading both languages'
catalogues, which a new worker would otherwise do on its first requests of each kind.

Nothing here opens a connection: a database or Redis connection made before the fork would be
shared by every worker. `warm_up` closes any the checks may have opened.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.utils import translation

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}


def porth_template_names() -> list[str]:
    """The names of every template in Porth's own apps (not Django's, Wagtail's or others')."""
    names = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("porth."):
            continue
        folder = Path(config.path) / "templates"
        names.update(
            path.relative_to(folder).as_posix()
            for path in folder.rglob("*")
            if path.suffix in TEMPLATE_SUFFIXES
        )
    return sorted(names)


def warm_up() -> int:
    """Compile Porth's templates into the cached template loader and read the catalogues of
    every language; return how many templates were compiled."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Service register")
    compiled = 0
    for name in porth_template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # found by another name, or a fragment that is never loaded on its own
        compiled += 1
    connections.close_all()
    return compiled
