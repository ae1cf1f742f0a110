"""Fixtures for porth.core's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():
    """Leave no language active after a test.

    LocaleMiddleware activates the language of each request and nothing switches it off, so a
    request to a /cy/ page would make every later `reverse()` in the same process Welsh.
    """
    yield
    translation.deactivate()
