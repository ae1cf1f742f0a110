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
