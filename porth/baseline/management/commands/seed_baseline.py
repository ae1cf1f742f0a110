"""`manage.py seed_baseline --demo`: an open baseline round with bodies part-way through."""

from django.core.management.base import BaseCommand

from porth.baseline.demo import seed_demo_round


class Command(BaseCommand):
    help = "With --demo, open a demo baseline round for the principal councils (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Open the demo round.")

    def handle(self, *args, demo: bool, **options):
        if not demo:
            self.stdout.write("Nothing to do without --demo.")
            return
        round_ = seed_demo_round()
        self.stdout.write(f"Demo baseline round: {round_.name_en}")
