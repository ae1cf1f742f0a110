"""`manage.py load_standards`: load the Digital Service Standards for Wales from the data files."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from porth.standards.actions import StandardsFileInvalid, load_standard_set, read_standard_rows


class Command(BaseCommand):
    help = "Create or correct a version of the standards from porth/standards/data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--version-number", default="1.0", help="Version to load (1.0).")
        parser.add_argument(
            "--published-on",
            type=date.fromisoformat,
            default=None,
            help="Date the version takes effect (YYYY-MM-DD); today when the set is new.",
        )

    def handle(self, *args, version_number: str, published_on: date | None, **options):
        try:
            rows = read_standard_rows()
        except (StandardsFileInvalid, OSError, KeyError, ValueError) as error:
            raise CommandError(f"Cannot read the standards: {error}") from error
        standard_set = load_standard_set(
            version=version_number, published_on=published_on or date.today(), rows=rows
        )
        self.stdout.write(
            f"Standards {standard_set.version}: {standard_set.standards.count()} standards in "
            f"{standard_set.groups.count()} groups"
            + (" (current)" if standard_set.is_current else "")
        )
