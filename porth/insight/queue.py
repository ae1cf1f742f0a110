"""Audience insight's background work (ADR 0028): `manage.py record_page_views` (every few
minutes) and `--prune` (daily) call this module."""

from django.db import transaction

from . import tasks


def queue_record_page_views() -> None:
    transaction.on_commit(tasks.record_page_views_later.enqueue)


def queue_prune_page_views() -> None:
    transaction.on_commit(tasks.prune_page_views_later.enqueue)
