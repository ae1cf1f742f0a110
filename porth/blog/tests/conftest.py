import pytest
from django.db import transaction

from porth.blog.actions import seed_blog
from porth.pages.actions import seed_pages
from porth.pages.tests.fixtures import SEED_CONTACT_EMAIL, SEED_DATE


@pytest.fixture(scope="module")
def blog(django_db_setup, django_db_blocker):
    """The pages and the blog with its demo posts in both languages, made once per module
    inside a transaction that is rolled back at the end (seeding is slow; each test runs in a
    savepoint within it, so tests still cannot see each other's changes)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_pages(contact_email=SEED_CONTACT_EMAIL, today=SEED_DATE)
            yield seed_blog(with_posts=True)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
