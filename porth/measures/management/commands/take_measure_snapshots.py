"""Monthly (from cron or a timer, on the 1st): ask the worker to snapshot every measure.

With `--recompute N`, ask it to work out the last N months again from the dated records.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from porth.measures.queue import queue_recompute, queue_snapshots


class Command(BaseCommand):
    help = "Queue a snapshot of every success measure (or a recompute of their history)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--recompute", type=int, metavar="MONTHS", default=0)

    def handle(self, *args, recompute: int, **options) -> None:
        if recompute:
            queue_recompute(months=recompute)
            self.stdout.write(f"Queued a recompute of {recompute} months.")
        else:
            queue_snapshots(on=timezone.localdate())
            self.stdout.write("Queued a snapshot of every measure.")
