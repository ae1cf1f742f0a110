"""`manage.py build_downloads [--now] [--missing]`: the whole-register downloads, built and
stored again."""

from django.core.management.base import BaseCommand, CommandParser

from porth.open_data.actions import WHOLE_REGISTER_DOWNLOADS, build_whole_register_downloads
from porth.open_data.queries import downloads_not_stored
from porth.open_data.queue import queue_downloads_build


class Command(BaseCommand):
    help = (
        "Ask the worker to build the whole-register downloads (services and figures, as CSV, "
        "XLSX and JSON) and store them, or build them here with --now. Run it after a release "
        "that changes what they hold, and once a night; every change to the register also "
        "queues a build. With --missing, only the downloads with no stored copy (what a "
        "start-up needs)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="build them in this process, not the worker"
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only the downloads with no stored copy in some format",
        )

    def handle(self, *args, now: bool, missing: bool, **options) -> None:
        names = downloads_not_stored(WHOLE_REGISTER_DOWNLOADS) if missing else None
        if names == ():
            self.stdout.write("Every whole-register download is stored; none to build.")
            return
        wanted = names or WHOLE_REGISTER_DOWNLOADS
        if not now:
            queue_downloads_build(names=wanted)
            self.stdout.write(f"The worker will build these downloads: {', '.join(wanted)}.")
            return
        built = build_whole_register_downloads(names=wanted)
        self.stdout.write(f"{len(built)} whole-register downloads built and stored.")
