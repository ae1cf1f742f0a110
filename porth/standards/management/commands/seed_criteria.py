"""`manage.py seed_criteria`: demo checklists for each standard and phase of the current set."""

from django.core.management.base import BaseCommand, CommandError

from porth.standards.actions import read_criterion_rows, seed_criteria
from porth.standards.queries import current_standard_set


class Command(BaseCommand):
    help = "Fill empty checklists of the current standards from porth/standards/data/criteria.csv."

    def handle(self, *args, **options):
        standard_set = current_standard_set()
        if standard_set is None:
            raise CommandError("Load the standards first: manage.py load_standards")
        added = seed_criteria(standard_set=standard_set, rows=read_criterion_rows())
        self.stdout.write(f"Criteria added to version {standard_set.version}: {added}")
