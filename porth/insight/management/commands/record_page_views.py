"""Every few minutes: ask the worker to add the counted page views to the database.
Daily, with --prune: ask it to delete counts older than 2 years."""

from django.core.management.base import BaseCommand

from porth.insight.queue import queue_prune_page_views, queue_record_page_views


class Command(BaseCommand):
    help = "Queue the recording of counted page views (or, with --prune, deleting old counts)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--prune", action="store_true")

    def handle(self, *args, prune: bool, **options) -> None:
        if prune:
            queue_prune_page_views()
            self.stdout.write("Queued deleting page view counts older than 2 years.")
        else:
            queue_record_page_views()
            self.stdout.write("Queued recording the counted page views.")
