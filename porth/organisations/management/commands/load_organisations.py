"""`manage.py load_organisations [--file PATH]`: bring the organisations in line with a CSV.

`manage.py seed` loads the copy in the repository; this command stays for loading another file
(a newer list of bodies) without touching anything else.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.organisations.actions import OrganisationRowsInvalid, load_organisations
from porth.organisations.demo import DATA_FILE, read_organisation_rows

DEFAULT_FILE = DATA_FILE


class Command(BaseCommand):
    help = (
        "Load the Welsh public bodies from a CSV. Safe to run again: it changes only what differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_FILE,
            help=(
                "CSV with columns slug,name_en,name_cy,type,gss_code,website "
                f"(default: {DEFAULT_FILE})"
            ),
        )

    def handle(self, *args, file: Path, **options) -> None:
        try:
            rows = read_organisation_rows(file)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            result = load_organisations(rows=rows)
        except OrganisationRowsInvalid as error:
            raise CommandError(f"Nothing was loaded from {file}:\n{error}") from error
        self.stdout.write(
            f"Organisations from {file}: {len(result.created)} created, "
            f"{len(result.updated)} updated, {len(result.unchanged)} unchanged."
        )
