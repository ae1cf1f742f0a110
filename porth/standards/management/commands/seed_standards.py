"""`manage.py seed_standards`: everything the standards need for a demo, in one idempotent step.

Loads version 1.0 of the standards, fills empty checklists, writes the manual in both languages
(after `seed_pages` has made the home pages) and, with `--demo`, self-assessments and reviews
at every step for a few services of the demo register, with four demo assessor accounts.
"""

from datetime import date

from django.core.management.base import BaseCommand

from porth.standards.actions import (
    ManualHomeMissing,
    load_standard_set,
    read_criterion_rows,
    read_standard_rows,
    seed_criteria,
    seed_manual,
)
from porth.standards.actions.demo import seed_demo_reviews, seed_demo_self_assessments
from porth.standards.actions.manual import read_manual_content


class Command(BaseCommand):
    help = "Load the standards, their checklists and the manual; --demo adds self-assessments."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also make demo self-assessments.")

    def handle(self, *args, demo: bool, **options):
        standard_set = load_standard_set(
            version="1.0", published_on=date.today(), rows=read_standard_rows()
        )
        added = seed_criteria(standard_set=standard_set, rows=read_criterion_rows())
        self.stdout.write(f"Standards {standard_set.version}; criteria added: {added}")
        try:
            made = seed_manual(content=read_manual_content())
        except ManualHomeMissing:
            self.stderr.write("Manual skipped: run seed_pages first to make the home pages.")
        else:
            self.stdout.write(f"Manual pages created: {made}")
        if demo:
            count = seed_demo_self_assessments(today=date.today())
            self.stdout.write(f"Demo self-assessments created: {count}")
            count = seed_demo_reviews(today=date.today())
            self.stdout.write(
                f"Demo reviews created: {count} (assessors: assessor-1@porth.example …)"
            )
