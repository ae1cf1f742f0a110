"""Steps the browser journeys share: start a session for someone, fill a GOV.UK date input.

Import these rather than writing them again in a test module.
"""

import datetime

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page


def sign_in_as(page: Page, site: str, person) -> None:
    """Start a session for the person and hand its cookie to the browser.

    No sign-in form: the account journey covers that, and two-factor set-up would only slow
    every other journey down.
    """
    client = Client()
    client.force_login(person)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )


def fill_date(page: Page, name: str, day: datetime.date) -> None:
    """Type a date into the day, month and year boxes of core's GOV.UK date field."""
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))
