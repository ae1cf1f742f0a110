"""Fixtures for learning: an upcoming session and people to book it."""

import pytest

from porth.accounts.tests.factories import UserFactory

from .factories import SessionFactory


@pytest.fixture
def session(db):
    return SessionFactory()


@pytest.fixture
def full_session(db):
    """A session of two places, both taken."""
    from porth.learning import actions

    session = SessionFactory(capacity=2)
    for _ in range(2):
        actions.book_place(session=session, person=UserFactory(), participation_language="en")
    return session
