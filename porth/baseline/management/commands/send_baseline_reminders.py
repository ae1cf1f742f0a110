"""`manage.py send_baseline_reminders`: the daily job that reminds bodies a week before the
deadline of an open round. Each body is reminded once, so running it twice sends nothing new."""

from django.core.management.base import BaseCommand

from porth.baseline.actions import send_reminders


class Command(BaseCommand):
    help = "Queue reminder emails for bodies that have not signed off a round due within 7 days."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Baseline reminders queued: {count}")
