"""Data and sign-in for the standards' browser tests, made with the apps' own actions.

Signing in: the browser is given the session cookie of a session made with Django's test
client (`force_login`), so each journey can act as several people without typing passwords;
the sign-in form itself has its own journey (test_account_journey.py).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from django.utils import translation
from playwright.sync_api import Browser, Page

from porth.accounts.models import User
from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.organisations.models import Organisation
from porth.register.models import Service
from porth.register.reference_data import seed as seed_register_reference_data
from porth.register.tests.factories import ServiceFactory
from porth.standards.actions import (
    load_standard_set,
    read_criterion_rows,
    read_standard_rows,
    seed_criteria,
    update_assessor,
)
from porth.standards.models import Assessor

from .conftest import BROWSER_LOCALES


def words(language: str, *texts: str) -> list[str]:
    """Interface text as the site shows it in `language`, read from our own catalogues."""
    with translation.override(language):
        return [str(translation.gettext(text)) for text in texts]


@dataclass
class Team:
    service: Service
    editor: User
    centre_staff: User
    assessors: list[Assessor]


def make_team() -> Team:
    """The current standards and their checklists; a body with a service, an editor, a member
    of centre staff and three assessors, none with a conflict."""
    # The live server flushes the database after each test, migrations' reference data too.
    seed_register_reference_data()
    standard_set = load_standard_set(
        version="1.0", published_on=datetime.date(2024, 4, 1), rows=read_standard_rows()
    )
    seed_criteria(standard_set=standard_set, rows=read_criterion_rows())
    # A real body from the committed list the `site` fixture loads.
    organisation = Organisation.objects.get(slug="cardiff")
    service = ServiceFactory(
        organisation=organisation,
        name_en="Apply for a blue badge",
        name_cy="Gwneud cais am fathodyn glas",
    )
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    assessors = [
        update_assessor(
            person=UserFactory(full_name=name), disciplines=["design"], works_in_welsh=True
        )
        for name in ("Aled Assessor", "Bethan Assessor", "Carys Assessor")
    ]
    return Team(
        service=service, editor=editor, centre_staff=CentreStaffFactory(), assessors=assessors
    )


def session_cookie(person: User) -> str:
    """A signed-in session for `person`. On PostgreSQL the live server sees only committed rows,
    so call this where the database is not inside a test's transaction (a module fixture run
    with `django_db_blocker.unblock()`, or a test using `transactional_db`)."""
    client = Client()
    client.force_login(person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def signed_in_page(
    browser: Browser,
    site: str,
    person: User | None,
    language: str,
    *,
    javascript: bool = True,
    session: str | None = None,
) -> Page:
    """A fresh browser context for `person`, or for an existing `session` (neither: nobody
    signed in). Close its context after."""
    context = browser.new_context(
        bypass_csp=True,
        java_script_enabled=javascript,
        locale=BROWSER_LOCALES[language],
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    if session is None and person is not None:
        session = session_cookie(person)
    if session is not None:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])
    return context.new_page()
