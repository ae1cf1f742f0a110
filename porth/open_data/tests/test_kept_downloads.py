"""A body's download is kept by the page cache for the next anonymous reader, and dropped
when the register changes (ADR 0068); whole-register downloads come from storage anyway."""

import pytest

from porth.core import pagecache

from .factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_STREAM_BYTES = 4 * 1024 * 1024
    cache.clear()


def _read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _body_download(organisation, file_format: str = "csv") -> str:
    return f"/en/open-data/services.{file_format}?organisation={organisation.slug}"


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_bodys_download_is_kept_for_the_next_anonymous_reader(client, organisation, file_format):
    make_service(organisation)
    first = client.get(_body_download(organisation, file_format))
    content = _read(first)

    second = client.get(_body_download(organisation, file_format))

    assert (first[pagecache.HEADER], second[pagecache.HEADER]) == ("miss", "hit")
    assert second.content == content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db(transaction=True)
def test_a_register_change_drops_a_kept_download(client, organisation):
    # Real commits: each change moves the register's pages on as it would in production.
    make_service(organisation)
    _read(client.get(_body_download(organisation)))
    assert client.get(_body_download(organisation))[pagecache.HEADER] == "hit"

    make_service(organisation, name_en="Apply for a parking permit")

    again = client.get(_body_download(organisation))
    assert again[pagecache.HEADER] == "miss"
    assert "Apply for a parking permit" in _read(again).decode("utf-8-sig")


def test_a_signed_in_readers_download_is_never_kept(client, organisation, editor):
    make_service(organisation)
    client.force_login(editor)

    first = client.get(_body_download(organisation))
    _read(first)

    assert pagecache.HEADER not in first
    assert pagecache.HEADER not in client.get(_body_download(organisation))
