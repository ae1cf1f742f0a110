"""`manage.py load_organisations [--file PATH]`: bring the organisations in line with a CSV."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.organisations.actions import OrganisationRowsInvalid, load_organisations

# A copy of ../shared/data/organisations.csv lives in the repository, so a fresh clone can load
# the bodies without the shared folder; a test checks the copy still matches when both exist.
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "organisations.csv"


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
            with file.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
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
