"""The standards and the manual show nothing of the register, so an editor's save keeps them in
the page cache; their own changes still drop them (ADR 0066)."""

import pytest
from django.core.cache import cache
from django.db import transaction

from porth.core import pagecache
from porth.register.actions import mark_service_reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()


def test_the_manual_and_the_standards_stay_kept_when_a_service_changes(
    client, manual, service, django_capture_on_commit_callbacks
):
    pages = [manual.url, "/en/standards/", "/cy/standards/"]
    for page in pages:
        assert client.get(page).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        mark_service_reviewed(service=service, reviewed_by=None)

    assert [client.get(page)[pagecache.HEADER] for page in pages] == ["hit", "hit", "hit"]


def test_publishing_the_manual_still_drops_its_kept_page(
    client, manual, django_capture_on_commit_callbacks
):
    client.get(manual.url)
    # The fixture's own publishing is still waiting in the test's transaction, which never
    # commits; a real one would have committed, so start this change's list afresh.
    transaction.get_connection().run_on_commit = []

    with django_capture_on_commit_callbacks(execute=True):
        manual.save_revision().publish()

    assert client.get(manual.url)[pagecache.HEADER] == "miss"
