"""The worker's writes: add the cached counts to the day's rows, and delete rows past 2 years.

Counts are statistics with nothing about a person, and the system writes them, so they are not
audited (porth/core/tests/test_audit_log.py says why).
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .counting import take_batches
from .models import KEEP_DAYS, PageViewDay


@transaction.atomic
def add_page_views(counts: dict[tuple[str, str, str, str], int]) -> int:
    """Add `counts` (keyed by day, path, language, referrer domain) to the stored rows;
    returns the number of views added."""
    for (day, path, language, domain), views in counts.items():
        on = datetime.date.fromisoformat(day)
        updated = PageViewDay.objects.filter(
            day=on, path=path, language=language, referrer_domain=domain
        ).update(views=F("views") + views)
        if not updated:
            PageViewDay.objects.create(
                day=on, path=path, language=language, referrer_domain=domain, views=views
            )
    return sum(counts.values())


def record_page_views() -> int:
    """Move every batch of counts from the cache into the database."""
    return add_page_views(take_batches())


def prune_page_views(*, today: datetime.date | None = None) -> int:
    """Delete the counts of days more than 2 years ago; returns how many rows went."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=KEEP_DAYS)
    deleted, _by_model = PageViewDay.objects.filter(day__lt=cutoff).delete()
    return deleted
