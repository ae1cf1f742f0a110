"""Work a process does once, before it forks the processes that do the work (ADR 0069, 0071).

gunicorn loads Porth in its master process (`preload_app`, config/gunicorn.conf.py) and forks
each worker from it, and again whenever a worker is recycled (`max_requests`). Whatever the
master has already done, every worker has for free: importing Django and the apps (about 3 s
of CPU), and, with `warm_up`, compiling Porth's templates, reading both languages'
catalogues and building the address resolver in each language, which a new worker would
otherwise do on its first requests of each kind.

An RQ worker forks a work horse for every job (porth.core.rq_worker): there, what the worker
has not done before the fork is paid again by every job.

Nothing here opens a connection: a database or Redis connection made before the fork would be
shared by every worker. `warm_up` closes any the checks may have opened.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from porth.core import release

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
    """Compile Porth's templates into the cached template loader, read the catalogues of
    every language and build the address resolver's tables in each (the first `reverse` in a
    language costs about 30 ms), and work out the release's fingerprint (about 40 ms); return
    how many templates were compiled."""
    release.fingerprint()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Service register")
            get_resolver().reverse_dict  # noqa: B018 - built on first reading, per language
    compiled = 0
    for name in porth_template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # found by another name, or a fragment that is never loaded on its own
        compiled += 1
    connections.close_all()
    return compiled


def import_task_modules() -> list[str]:
    """Import every Porth app's `tasks` module, and what it imports, so that a job's function
    is already loaded in the process that forks the job's work horse; return their names."""
    imported = []
    for config in apps.get_app_configs():
        if not config.name.startswith("porth."):
            continue
        if not (Path(config.path) / "tasks.py").exists():
            continue
        importlib.import_module(f"{config.name}.tasks")
        imported.append(f"{config.name}.tasks")
    return imported
