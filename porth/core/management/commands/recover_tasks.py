"""`manage.py recover_tasks`: queue again the tasks whose worker died mid-run (every minute)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from porth.core.task_runs import recover_abandoned_tasks


class Command(BaseCommand):
    help = "Put tasks whose worker died mid-run back in the queue (database queue or RQ)."

    def handle(self, *args, **options) -> None:
        if settings.TASK_BACKEND == "rq":
            from porth.core.rq_recovery import recover_abandoned_rq_jobs

            recovered = recover_abandoned_rq_jobs()
        else:
            recovered = recover_abandoned_tasks()
        self.stdout.write(f"{len(recovered)} abandoned task(s) queued again.")
