"""Mark imports whose worker died (a scheduled job: every minute; docs/adr/0017)."""

from django.core.management.base import BaseCommand

from porth.register.imports import recover_abandoned_imports


class Command(BaseCommand):
    help = "Mark spreadsheet imports whose worker stopped, so people can upload or confirm again."

    def handle(self, *args, **options) -> None:
        recovered = recover_abandoned_imports()
        if recovered and options["verbosity"]:
            self.stdout.write(f"Recovered imports: {', '.join(map(str, recovered))}")
