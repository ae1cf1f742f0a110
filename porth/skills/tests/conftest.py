"""Fixtures for the skills app."""

import pytest

from porth.skills.framework import current


@pytest.fixture
def framework():
    return current()


@pytest.fixture
def with_learning(settings):
    """The site with a stand-in course catalogue, as when the learning app is installed."""
    settings.ROOT_URLCONF = "porth.skills.tests.learning_urls"
