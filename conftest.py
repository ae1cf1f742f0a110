"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache
from django.utils import translation

from porth.accounts.tests.factories import CentreStaffFactory, MembershipFactory, UserFactory
from porth.core.permissions import Role
from porth.organisations.tests.factories import OrganisationFactory
from porth.pages.actions import restore_wagtail_roots
from porth.register.models import ServiceArea
from porth.register.reference_data import seed as seed_reference_data

# Fixtures that live with their app: `seeded_site` (Porth's pages in both languages).
pytest_plugins = ["porth.pages.tests.fixtures"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory()


def _person_with_role(organisation, role: Role):
    return MembershipFactory(organisation=organisation, role=role).person


@pytest.fixture
def member(organisation):
    return _person_with_role(organisation, Role.MEMBER)


@pytest.fixture
def editor(organisation):
    return _person_with_role(organisation, Role.EDITOR)


@pytest.fixture
def organisation_admin(organisation):
    return _person_with_role(organisation, Role.ADMIN)


@pytest.fixture
def outsider(other_organisation):
    """An organisation admin of a different body: the person every refusal test uses."""
    return _person_with_role(other_organisation, Role.ADMIN)


@pytest.fixture
def centre_staff(db):
    return CentreStaffFactory()


@pytest.fixture
def person(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _reset_language():
    """Leave no language active after a test.

    LocaleMiddleware activates the language of each request and nothing switches it off, so a
    request to a /cy/ page would make every later `reverse()` in the same process Welsh.
    """
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _emails_go_through_the_queue(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put the queue back in the path.

    The queued task then sends with QUEUED_EMAIL_BACKEND (locmem in test settings), so tests
    still read `mail.outbox` while exercising the same route production uses.
    """
    settings.EMAIL_BACKEND = "porth.core.mail.QueuedEmailBackend"


@pytest.fixture
def queue_that_waits(settings):
    """A task queue that can hold tasks until a time, as RQ and the database queue can, but runs
    nothing: returns the list of what was queued (`TaskResult`s: `task.run_after`,
    `kwargs`). The test settings' immediate queue cannot wait (`porth.core.deferral`)."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend.results


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits (ours and allauth's) count in the cache, which outlives a test: start each
    test with none used, so one test's submissions never refuse another's."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _reference_data_survives_flushes(request):
    """The register's reference data (service areas, user groups, measures) comes from a data
    migration. A transactional or browser test flushes it away, and with tests spread over
    several processes any later test may follow one, so put it back where it is missing."""
    if request.node.get_closest_marker("django_db") is None and not (
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    ):
        return
    request.getfixturevalue("_django_db_helper")
    if not ServiceArea.objects.exists():
        seed_reference_data()
        restore_wagtail_roots()


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def _uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With PORTH_ONLY_DATABASE_TESTS=1, run only the tests that touch the database.

    CI runs the suite twice, on SQLite and then on PostgreSQL. A test that never touches the
    database (pytest-django refuses it access) cannot behave differently on the second run, so
    the PostgreSQL run leaves those out (ADR 0041).
    """
    import os

    if os.environ.get("PORTH_ONLY_DATABASE_TESTS") != "1":
        return
    keep = [item for item in items if _uses_database(item)]
    left_out = [item for item in items if not _uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = keep
