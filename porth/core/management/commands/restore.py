"""`manage.py restore DUMP [--media TAR] [--database-url URL] [--clean]`: load a backup and prove
it matches the counts and checksums saved with it (porth.core.backups, docs/deploy.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.core.backups import BackupFailed, database_url, restore


class Command(BaseCommand):
    help = (
        "Restore a pg_dump backup into a database (by default the configured one, which must be "
        "empty unless --clean), unpack the media, and compare row counts and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dump", help="the .dump file written by manage.py backup")
        parser.add_argument("--media", help="the -media.tar.gz written beside it")
        parser.add_argument("--database-url", help="restore here instead (e.g. a fresh database)")
        parser.add_argument(
            "--clean", action="store_true", help="drop what the dump holds before loading it"
        )

    def handle(
        self, *args, dump: str, media: str | None, database_url: str | None, clean: bool, **options
    ) -> None:
        try:
            target = database_url or _configured()
            differences = restore(
                dump=Path(dump),
                target_url=target,
                media=Path(media) if media else None,
                clean=clean,
            )
        except BackupFailed as error:
            raise CommandError(str(error)) from error
        if differences["counts"] or differences["checksums"]:
            problems = differences["counts"] + [
                f"{name}: checksum differs" for name in differences["checksums"]
            ]
            raise CommandError("The restore does not match the backup:\n" + "\n".join(problems))
        self.stdout.write("Restored; row counts and checksums match the backup.")


def _configured() -> str:
    return database_url()
