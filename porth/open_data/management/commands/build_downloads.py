"""`manage.py build_downloads [--now]`: the whole-register downloads, built and stored again."""

from django.core.management.base import BaseCommand, CommandParser

from porth.open_data.actions import build_whole_register_downloads
from porth.open_data.queue import queue_downloads_build


class Command(BaseCommand):
    help = (
        "Ask the worker to build the whole-register downloads (services and figures, as CSV, "
        "XLSX and JSON) and store them, or build them here with --now. Run it after a deploy "
        "and once a night; every change to the register also queues a build."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="build them in this process, not the worker"
        )

    def handle(self, *args, now: bool, **options) -> None:
        if not now:
            queue_downloads_build()
            self.stdout.write("The whole-register downloads will be built by the worker.")
            return
        built = build_whole_register_downloads()
        self.stdout.write(f"{len(built)} whole-register downloads built and stored.")
