"""`manage.py scheduled <command> [arguments]`: run a scheduled job, one copy at a time.

Schedulers on two machines (or a slow run overlapping the next) may start the same job at
once. This takes a lock named after the command (porth.core.locks) and runs it; a second copy
finds the lock held, says so and exits 0, so the scheduler does not report a failure.
"""

import argparse

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from porth.core.locks import only_one


class Command(BaseCommand):
    help = "Run a management command as a scheduled job: skipped if another copy is running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", help="the management command to run, e.g. recover_imports")
        parser.add_argument("arguments", nargs=argparse.REMAINDER, help="its arguments")

    def handle(self, *args, job: str, arguments: list[str], **options) -> None:
        with only_one(f"porth.scheduled.{job}") as held:
            if not held:
                self.stdout.write(f"{job}: another copy is running; skipped.")
                return
            call_command(job, *arguments, stdout=self.stdout, stderr=self.stderr)
