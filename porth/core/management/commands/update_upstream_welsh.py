"""`manage.py update_upstream_welsh`: add upstream messages that lack Welsh to our catalogue.

Run it after upgrading Django, Wagtail or wagtail-localize, translate what it reports, then
`make messages`. See porth/core/upstream_welsh.py for why this catalogue exists.
"""

from django.core.management.base import BaseCommand

from porth.core.upstream_welsh import DOMAINS, catalogue_path, update


class Command(BaseCommand):
    help = "Add the messages Wagtail and Django have no Welsh for to locale/cy/."

    def handle(self, *args, **options) -> None:
        for domain in DOMAINS:
            messages, untranslated = update(domain)
            self.stdout.write(
                f"{catalogue_path(domain)}: {messages} messages, {untranslated} to translate"
            )
