"""`manage.py update_wagtail_welsh`: add the Wagtail admin's untranslated strings to our catalogue.

Run it after upgrading Wagtail or wagtail-localize, translate what it reports, then
`make messages`. See porth/core/wagtail_welsh.py for why this catalogue exists.
"""

from django.core.management.base import BaseCommand

from porth.core.wagtail_welsh import DOMAINS, catalogue_path, update


class Command(BaseCommand):
    help = "Add the Wagtail admin's messages that Wagtail has no Welsh for to locale/cy/."

    def handle(self, *args, **options) -> None:
        for domain in DOMAINS:
            messages, untranslated = update(domain)
            self.stdout.write(
                f"{catalogue_path(domain)}: {messages} messages, {untranslated} to translate"
            )
