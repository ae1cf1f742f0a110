"""Run hourly (cron or a systemd timer): reminders 7 days and 1 day before each session, each
sent once, through the worker."""

from django.core.management.base import BaseCommand

from porth.learning.queue import queue_reminders


class Command(BaseCommand):
    help = "Queue reminders for sessions 7 days and 1 day away."

    def handle(self, *args, **options) -> None:
        queue_reminders()
        self.stdout.write("Queued.")
