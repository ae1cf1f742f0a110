"""Start scheduled issues whose time has come, and queue their sending (run it every few
minutes from a timer). An issue a dead worker left half sent is queued again and carries on
where it stopped. `--digests` queues the weekly digests (run it once a week)."""

from django.core.management.base import BaseCommand

from porth.newsletter import queue
from porth.newsletter.actions.issues import start_due_issues


class Command(BaseCommand):
    help = "Queue the sending of due newsletter issues (and, with --digests, the weekly digests)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--digests", action="store_true", help="Queue the weekly digests.")

    def handle(self, *args, digests: bool = False, **options) -> None:
        for issue_id in start_due_issues():
            queue.queue_issue_sending(issue_id=issue_id)
            self.stdout.write(f"Queued issue {issue_id}")
        if digests:
            queue.queue_digests()
            self.stdout.write("Queued the weekly digests")
