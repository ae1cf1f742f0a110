from django.apps import AppConfig
from wagtail.signals import page_published, page_unpublished

from . import pagecache


def drop_kept_pages(sender, **kwargs) -> None:
    """Wagtail publishes pages without our actions (editors, `publish_scheduled`): a page going
    live or coming down drops the kept anonymous pages too (ADR 0053)."""
    pagecache.pages_changed()


class CoreConfig(AppConfig):
    name = "porth.core"
    label = "core"

    def ready(self) -> None:
        page_published.connect(drop_kept_pages, dispatch_uid="porth_pagecache_published")
        page_unpublished.connect(drop_kept_pages, dispatch_uid="porth_pagecache_unpublished")
        # A database-queue worker holds a lock while it runs a task, so a task whose worker
        # died can be told from one still running (porth/core/task_runs.py).
        from django_tasks.signals import task_finished, task_started

        from .task_runs import hold_run_lock, release_run_lock

        task_started.connect(hold_run_lock, dispatch_uid="porth_task_run_lock")
        task_finished.connect(release_run_lock, dispatch_uid="porth_task_run_unlock")
