"""`manage.py seed_manual`: the manual's pages in English and Welsh (run after seed_pages)."""

from django.core.management.base import BaseCommand, CommandError

from porth.standards.actions import ManualHomeMissing, seed_manual
from porth.standards.actions.manual import read_manual_content


class Command(BaseCommand):
    help = "Create the manual, its guidance on each standard and its guidance pages (idempotent)."

    def handle(self, *args, **options):
        try:
            made = seed_manual(content=read_manual_content())
        except ManualHomeMissing as error:
            raise CommandError("Create the home pages first: manage.py seed_pages") from error
        self.stdout.write(f"Manual pages created: {made}")
