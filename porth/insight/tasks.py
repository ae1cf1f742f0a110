"""Background work for audience insight: each task calls one action (ADR 0028)."""

from django_tasks import task

from .actions import prune_page_views, record_page_views


@task()
def record_page_views_later() -> int:
    return record_page_views()


@task()
def prune_page_views_later() -> int:
    return prune_page_views()
