"""Fixtures for the skills app."""

import pytest

from porth.skills.framework import current


@pytest.fixture
def framework():
    return current()


@pytest.fixture
def with_learning():
    """The site as installed: the learning app's catalogue is there to link to."""


@pytest.fixture
def without_learning(settings):
    """A site without the learning app, whose skills pages must offer no course links."""
    settings.ROOT_URLCONF = "porth.skills.tests.without_learning_urls"
