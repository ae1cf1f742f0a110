"""`manage.py backup [--to FOLDER]`: the database (pg_dump, custom format), the media and a
manifest of row counts and checksums (porth.core.backups, docs/deploy.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.core.backups import BackupFailed, back_up


class Command(BaseCommand):
    help = "Back up PostgreSQL with pg_dump (custom format) and the local media into a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="the folder to write to (default var/backups)",
        )

    def handle(self, *args, to: str, **options) -> None:
        try:
            backup = back_up(folder=Path(to))
        except BackupFailed as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database: {backup.dump}")
        self.stdout.write(f"Media: {backup.media or 'not local files: kept by the bucket'}")
        self.stdout.write(f"Counts and checksums: {backup.manifest}")
