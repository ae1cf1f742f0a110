"""Run every few minutes (cron or a systemd timer): ends waiting-list offers past their time
and passes each place to the next person, through the worker."""

from django.core.management.base import BaseCommand

from porth.learning.queue import queue_expiry


class Command(BaseCommand):
    help = "Queue the end of expired waiting-list offers and new offers for the places freed."

    def handle(self, *args, **options) -> None:
        queue_expiry()
        self.stdout.write("Queued.")
