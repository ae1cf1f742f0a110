"""`manage.py send_mentoring_reminders`: the daily job that asks the worker to remind mentoring
pairs that have not checked in for 6 weeks. A pair is reminded once per quiet spell, so running
it twice sends nothing new."""

from django.core.management.base import BaseCommand

from porth.panels.queue import queue_check_in_reminders


class Command(BaseCommand):
    help = "Queue the reminder for mentoring pairs that have not checked in for 6 weeks."

    def handle(self, *args, **options):
        queue_check_in_reminders()
        self.stdout.write("Mentoring reminders queued for the worker.")
