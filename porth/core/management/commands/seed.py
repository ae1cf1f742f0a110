"""`manage.py seed [--demo] [--services N] [--months M] [--seed S]`: the one way to load data.

Without `--demo` it loads what production needs (organisations, pages, standards, register
reference data); with `--demo` it adds demo services, accounts, self-assessments and a baseline
round. Safe to run again: every app leaves what is already there.

The contract an app signs to take part (also in section 7 of docs/architecture.md):

- It has a module `<app>/demo.py` (found through `django.apps.apps.get_app_configs()` and
  `importlib.util.find_spec`, so core never imports a domain app by name).
- The module defines `seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None])`.
  `demo=False` loads only reference data production needs; `demo=True` adds made-up data.
  `options` (porth.core.seeding.SeedOptions) carries the register's size, the random seed and
  today's date; `out` takes one line of progress for the person running the command.
  It must be idempotent: running it twice leaves the same data as running it once.
- It may declare `DEPENDS_ON = ("organisations", ...)`: the labels of apps whose `seed` must run
  first. The command sorts the apps topologically (ties keep INSTALLED_APPS order) and stops
  with an error if a dependency has no demo module or the dependencies go round in a circle.
- Its data lives in files under `<app>/data/` (CSV or JSON), not in large Python literals.
"""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from porth.core.seeding import (
    SeedOptions,
    SeedOrderInvalid,
    discover_demo_modules,
    in_dependency_order,
)


class Command(BaseCommand):
    help = (
        "Load the organisations, pages, standards and reference data; with --demo also demo "
        "services, accounts, self-assessments and a baseline round. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = SeedOptions()
        parser.add_argument("--demo", action="store_true", help="Add demo data too.")
        parser.add_argument(
            "--services",
            type=int,
            default=defaults.services,
            help=f"demo services in the register (default {defaults.services})",
        )
        parser.add_argument(
            "--months",
            type=int,
            default=defaults.months,
            help=f"months of figures per demo service (default {defaults.months})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=defaults.random_seed,
            dest="random_seed",
            help="same seed, same demo register",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help=(
                "Add demo data even though DEBUG is off. The demo accounts' password and "
                "authenticator secret are public, so only do this on a site that holds demo data."
            ),
        )

    def handle(
        self,
        *args,
        demo: bool = False,
        services: int,
        months: int,
        random_seed: int,
        allow_without_debug: bool = False,
        **options,
    ) -> None:
        if services < 0 or months < 0:
            raise CommandError("--services and --months cannot be negative.")
        if demo and not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off, so this may be a real site, and the demo accounts' password and "
                "authenticator secret are public. Pass --allow-without-debug if you are sure."
            )
        try:
            modules = in_dependency_order(discover_demo_modules(apps.get_app_configs()))
        except SeedOrderInvalid as error:
            raise CommandError(str(error)) from error
        seed_options = SeedOptions(services=services, months=months, random_seed=random_seed)
        for module in modules:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{module.label}:"))
            module.seed(demo=demo, options=seed_options, out=self._indented)

    def _indented(self, line: str) -> None:
        self.stdout.write(f"  {line}" if line else "")
