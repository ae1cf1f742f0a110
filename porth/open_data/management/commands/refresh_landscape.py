"""`manage.py refresh_landscape [--now]`: the landscape's figures, worked out again."""

from django.core.management.base import BaseCommand, CommandParser

from porth.open_data.actions import refresh_landscape_figures
from porth.open_data.queue import queue_landscape_refresh


class Command(BaseCommand):
    help = (
        "Ask the worker to work out the landscape dashboard's figures again, or work them out "
        "here with --now. Run it after loading data, after a deploy and once a night (the "
        "dashboard's 'recent' figures start six months before the day they were worked out)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="work them out in this process, not the worker"
        )

    def handle(self, *args, now: bool, **options) -> None:
        if not now:
            queue_landscape_refresh()
            self.stdout.write("The landscape's figures will be worked out by the worker.")
            return
        refresh_landscape_figures()
        self.stdout.write("The landscape's figures are worked out.")
