"""Queue the daily digests of changes to followed things (run once a day from a timer)."""

from django.core.management.base import BaseCommand

from porth.following import queue


class Command(BaseCommand):
    help = "Queue the daily digests for people who follow things."

    def handle(self, *args, **options) -> None:
        queue.queue_daily_digests()
        self.stdout.write("Queued the daily digests")
