"""Run daily (cron or a systemd timer): erases access needs and answers to course questions
30 days after each session, through the worker."""

from django.core.management.base import BaseCommand

from porth.learning.queue import queue_erasure


class Command(BaseCommand):
    help = "Queue the erasure of booking answers kept 30 days past their session."

    def handle(self, *args, **options) -> None:
        queue_erasure()
        self.stdout.write("Queued.")
