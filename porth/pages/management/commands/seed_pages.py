"""`manage.py seed_pages`: make the home page and the footer's pages in Welsh and English."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from porth.pages.actions import seed_pages


class Command(BaseCommand):
    help = (
        "Make the locales, the site, the home page and the about, accessibility, privacy, "
        "cookies, Welsh language and contact pages in both languages. Pages that exist are left "
        "as editors made them, so this is safe to run again."
    )

    def handle(self, *args, **options) -> None:
        result = seed_pages(contact_email=settings.PORTH_CONTACT_EMAIL, today=timezone.localdate())
        self.stdout.write(
            f"Pages: {len(result.created)} created, {len(result.kept)} already there."
        )
        for page in result.created:
            self.stdout.write(f"  created {page}")
