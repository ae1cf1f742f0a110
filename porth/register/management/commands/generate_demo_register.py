"""`manage.py generate_demo_register --services N --months M [--seed S] [--append]`."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.register.demo import NoOrganisations, generate_demo_register
from porth.register.models import Service


class Command(BaseCommand):
    help = (
        "Fill the service register with realistic bilingual demo services and monthly figures "
        "for the organisations already loaded. Does nothing if the register already has "
        "services, unless --append is given, so `make run` can call it every time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--services", type=int, default=200, help="how many services")
        parser.add_argument(
            "--months", type=int, default=12, help="months of figures per service, to last month"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same register")
        parser.add_argument(
            "--append", action="store_true", help="add services even if some exist already"
        )

    def handle(self, *args, services: int, months: int, seed: int, append: bool, **options):
        if services < 0 or months < 0:
            raise CommandError("--services and --months cannot be negative.")
        existing = Service.objects.count()
        if existing and not append:
            self.stdout.write(
                f"The register already has {existing} services; nothing generated "
                "(use --append to add more)."
            )
            return
        try:
            result = generate_demo_register(services=services, months=months, seed=seed)
        except NoOrganisations as error:
            raise CommandError(
                "No organisations are loaded: run `manage.py load_organisations` first."
            ) from error
        self.stdout.write(
            f"Generated {result.services} services with {result.figures} figures "
            f"for {result.organisations} organisations."
        )
