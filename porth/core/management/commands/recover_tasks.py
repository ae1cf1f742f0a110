"""`manage.py recover_tasks`: queue again the tasks whose worker died mid-run (every minute)."""

from django.core.management.base import BaseCommand

from porth.core.task_runs import recover_abandoned_tasks


class Command(BaseCommand):
    help = "Put tasks whose database-queue worker died mid-run back in the queue."

    def handle(self, *args, **options) -> None:
        recovered = recover_abandoned_tasks()
        self.stdout.write(f"{len(recovered)} abandoned task(s) queued again.")
