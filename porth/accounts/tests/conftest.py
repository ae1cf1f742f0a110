import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    """allauth keeps rate limits and used authenticator codes in the cache: start clean."""
    cache.clear()
    yield
    cache.clear()
