import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """The landscape keeps its figures in the cache: no test may see another's."""
    cache.clear()
    yield
    cache.clear()
