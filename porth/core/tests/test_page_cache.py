"""Whole pages kept for anonymous readers: hits, ETags, invalidation through the actions, and
never for signed-in people (docs/adr/0053-anonymous-page-cache.md)."""

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template import engines
from django.test import Client
from django.urls import path

from porth.core import audit, pagecache
from porth.core.models import FailedTask
from porth.core.permissions import public
from porth.organisations.models import Organisation

pytestmark = pytest.mark.django_db
PAGE = "/en/organisations/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()


def test_the_second_anonymous_reader_gets_the_kept_page(client, organisation):
    first = client.get(PAGE)
    second = client.get(PAGE)

    assert first[pagecache.HEADER] == "miss"
    assert second[pagecache.HEADER] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"] and "s-maxage=60" in second["Cache-Control"]
    assert "Cookie" not in second.get("Vary", "")
    assert second["Content-Language"] == "en"
    assert second["X-Request-ID"]


def test_a_reader_who_has_the_page_gets_not_modified(client, organisation):
    etag = client.get(PAGE)["ETag"]

    again = client.get(PAGE, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""


def test_each_language_is_kept_apart(client, organisation):
    client.get("/en/organisations/")

    welsh = client.get("/cy/organisations/")

    assert welsh[pagecache.HEADER] == "miss"
    assert 'lang="cy"' in welsh.content.decode()


def test_a_change_recorded_by_an_action_drops_the_kept_pages(
    client, organisation, django_capture_on_commit_callbacks
):
    client.get(PAGE)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        renamed = Organisation.objects.filter(pk=organisation.pk)
        renamed.update(name_en="Cyngor Sir Ynys Môn renamed")
        audit.record(by=None, action="test.rename", target=organisation, title="Renamed")

    after = client.get(PAGE)

    assert after[pagecache.HEADER] == "miss"
    assert "Cyngor Sir Ynys Môn renamed" in after.content.decode()


def test_nothing_is_dropped_before_the_change_commits(
    client, organisation, django_capture_on_commit_callbacks
):
    client.get(PAGE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.pages_changed()

    assert client.get(PAGE)[pagecache.HEADER] == "hit"
    callbacks[0]()
    assert client.get(PAGE)[pagecache.HEADER] == "miss"


def test_publishing_a_wagtail_page_drops_the_kept_pages(
    client, organisation, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    client.get(PAGE)
    page = Page.objects.filter(depth__gt=1).first() or Page.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert client.get(PAGE)[pagecache.HEADER] == "miss"


def test_signed_in_pages_are_never_kept_or_served_from_the_cache(client, organisation, editor):
    client.get(PAGE)
    client.force_login(editor)

    for _ in range(2):
        response = client.get(PAGE)
        assert pagecache.HEADER not in response
        assert "public" not in response.get("Cache-Control", "")
    client.logout()
    assert client.get(PAGE)[pagecache.HEADER] == "hit"


def test_a_page_with_a_form_token_is_not_kept(client):
    for _ in range(2):
        response = client.get("/en/accounts/login/")
        assert response.status_code == 200
        assert pagecache.HEADER not in response


def test_pages_that_ask_not_to_be_cached_and_errors_are_not_kept(client):
    assert pagecache.HEADER not in client.get("/readyz")
    client.get("/en/organisations/no-such-body/")
    assert pagecache.HEADER not in client.get("/en/organisations/no-such-body/")


def test_staff_only_pages_are_not_kept_even_when_they_answer(client, centre_staff):
    FailedTask.objects.create(task_path="x.y", attempts=5)
    client.force_login(centre_staff)
    client.get("/en/failed-tasks/")
    client.logout()

    response = client.get("/en/failed-tasks/")
    assert response.status_code == 302


def test_the_cache_off_keeps_nothing(client, settings, organisation):
    settings.PAGE_CACHE_SECONDS = 0

    client.get(PAGE)

    assert pagecache.HEADER not in client.get(PAGE)


@public
def _page_with_a_form(request: HttpRequest) -> HttpResponse:
    """A public page whose form posts, as the manual's "Is this page useful?" does."""
    if request.method == "POST":
        return HttpResponse("sent")
    form = '<form method="post">{% csrf_token %}<button>Yes</button></form>'
    return HttpResponse(engines["django"].from_string(form).render({}, request))


TOPIC = "register"


@pagecache.independent_of(TOPIC)
@public
def _page_independent_of_the_register(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"standards {request.GET.get('n', '')}")


@public
def _page_of_the_register(request: HttpRequest) -> HttpResponse:
    return HttpResponse("register")


@public
def _page_made_while_the_register_changes(request: HttpRequest) -> HttpResponse:
    # As another process's change would commit, while this page is being made.
    pagecache._TopicMove(TOPIC)()
    return HttpResponse("old register")


def _streamed(request: HttpRequest, *, whole: bool = True) -> StreamingHttpResponse:
    pieces = int(request.GET.get("pieces", "3"))
    response = StreamingHttpResponse(f"piece {n}\n".encode() for n in range(pieces))
    response["Content-Disposition"] = 'attachment; filename="pieces.csv"'
    return (
        response if request.GET.get("plain") else pagecache.keep_stream_if(response, lambda: whole)
    )


@public
def _stream(request: HttpRequest) -> StreamingHttpResponse:
    return _streamed(request)


@public
def _stream_that_stopped_part_way(request: HttpRequest) -> StreamingHttpResponse:
    return _streamed(request, whole=False)


@pagecache.shows_parts(TOPIC, lambda request, name: [f"part:{name}"])
@public
def _page_of_one_part(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse(f"part {name}")


@pagecache.shows_parts(TOPIC, lambda request, name: [f"part:{name}"])
@public
def _page_of_a_part_made_while_it_changes(request: HttpRequest, name: str) -> HttpResponse:
    # As another process's change to this part would commit, while this page is being made.
    pagecache._Bump(pagecache._part_key(TOPIC, f"part:{name}"))()
    return HttpResponse(f"old part {name}")


@pagecache.shows_parts(TOPIC, lambda request, name: None)
@public
def _page_of_the_whole_topic_after_all(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse(f"all parts, through {name}")


urlpatterns = [
    path("en/part/<str:name>/", _page_of_one_part),
    path("en/part-changing/<str:name>/", _page_of_a_part_made_while_it_changes),
    path("en/every-part/<str:name>/", _page_of_the_whole_topic_after_all),
    path("en/stream/", _stream),
    path("en/stream-stopped/", _stream_that_stopped_part_way),
    path("en/a-page-with-a-form/", _page_with_a_form),
    path("en/standards-like/", _page_independent_of_the_register),
    path("en/register-like/", _page_of_the_register),
    path("en/register-changing/", _page_made_while_the_register_changes),
]
FORM_PAGE = "/en/a-page-with-a-form/"


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


@pytest.mark.urls(__name__)
def test_a_page_with_a_form_is_kept_and_each_reader_gets_their_own_token():
    first_reader, second_reader = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    first = first_reader.get(FORM_PAGE)
    second = second_reader.get(FORM_PAGE)

    assert (first[pagecache.HEADER], second[pagecache.HEADER]) == ("miss", "hit")
    assert pagecache.TOKEN_PLACEHOLDER.decode() not in second.text
    assert _token(second) != _token(first)
    # Their own token, which the cookie they were given makes valid; nobody else's is.
    assert second_reader.post(FORM_PAGE, {"csrfmiddlewaretoken": _token(second)}).text == "sent"
    assert second_reader.post(FORM_PAGE, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    for response in (first, second):
        assert response["Cache-Control"] == "private, no-cache"
        assert "ETag" not in response


@pytest.mark.urls(__name__)
def test_a_reader_who_has_a_csrf_cookie_gets_a_token_for_it_from_the_kept_page():
    Client().get(FORM_PAGE)
    reader = Client(enforce_csrf_checks=True)
    reader.get("/en/a-page-with-a-form/?another=page")  # the cookie, from a page not kept yet

    kept = reader.get(FORM_PAGE)

    assert kept[pagecache.HEADER] == "hit"
    assert reader.post(FORM_PAGE, {"csrfmiddlewaretoken": _token(kept)}).text == "sent"


@pytest.mark.urls(__name__)
def test_a_change_to_one_topic_keeps_the_pages_declared_independent_of_it(
    client, django_capture_on_commit_callbacks
):
    client.get("/en/standards-like/"), client.get("/en/register-like/")

    with django_capture_on_commit_callbacks(execute=True):
        pagecache.pages_changed(TOPIC)

    assert client.get("/en/standards-like/")[pagecache.HEADER] == "hit"
    assert client.get("/en/register-like/")[pagecache.HEADER] == "miss"


@pytest.mark.urls(__name__)
def test_a_change_naming_no_topic_drops_every_page_even_the_independent_ones(
    client, django_capture_on_commit_callbacks
):
    client.get("/en/standards-like/"), client.get("/en/register-like/")

    with django_capture_on_commit_callbacks(execute=True):
        pagecache.pages_changed()

    assert client.get("/en/standards-like/")[pagecache.HEADER] == "miss"
    assert client.get("/en/register-like/")[pagecache.HEADER] == "miss"


@pytest.mark.urls(__name__)
def test_a_page_made_while_its_topic_changed_is_not_served_again(client):
    client.get("/en/register-changing/")

    # Kept with the register's generation from before it was made, which has since moved on.
    assert client.get("/en/register-changing/")[pagecache.HEADER] == "miss"


class _Clock:
    """The page cache's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def settling(settings, monkeypatch) -> _Clock:
    settings.PAGE_CACHE_SETTLE_SECONDS = 30
    clock = _Clock()
    monkeypatch.setattr(pagecache, "_now", clock)
    return clock


def _register_change(capture) -> None:
    with capture(execute=True):
        pagecache.pages_changed(TOPIC)


@pytest.mark.urls(__name__)
def test_a_settling_topic_drops_its_pages_once_the_settling_time_has_passed(
    client, settling, django_capture_on_commit_callbacks
):
    client.get("/en/register-like/")

    _register_change(django_capture_on_commit_callbacks)
    settling.now += 29
    kept_meanwhile = client.get("/en/register-like/")[pagecache.HEADER]
    settling.now += 1

    assert kept_meanwhile == "hit"
    assert client.get("/en/register-like/")[pagecache.HEADER] == "miss"
    assert client.get("/en/register-like/")[pagecache.HEADER] == "hit"  # kept again at once


@pytest.mark.urls(__name__)
def test_changes_made_while_a_topic_settles_do_not_put_its_pages_drop_off(client, settling):
    client.get("/en/register-like/")

    for _ in range(5):  # an editor saving every 10 seconds, each save a transaction of its own
        pagecache._TopicMove(TOPIC)()
        settling.now += 10

    # 50 s after the first save: dropped 30 s after it, and kept again since.
    assert client.get("/en/register-like/")[pagecache.HEADER] == "miss"
    # The saves after the first move wait for a move of their own, 30 s after the fourth.
    settling.now += 9
    assert client.get("/en/register-like/")[pagecache.HEADER] == "hit"
    settling.now += 1
    assert client.get("/en/register-like/")[pagecache.HEADER] == "miss"


@pytest.mark.urls(__name__)
def test_a_change_naming_no_topic_is_never_put_off(
    client, settling, django_capture_on_commit_callbacks
):
    client.get("/en/register-like/")

    with django_capture_on_commit_callbacks(execute=True):
        pagecache.pages_changed()

    assert client.get("/en/register-like/")[pagecache.HEADER] == "miss"


def test_a_generation_stored_before_topics_settled_is_still_read(settling):
    cache.set(pagecache._topic_key(TOPIC), "an-older-generation", timeout=None)

    assert pagecache._generations()[TOPIC] == "an-older-generation"
    pagecache._TopicMove(TOPIC)()
    assert pagecache._generations()[TOPIC] == "an-older-generation"  # settling
    settling.now += 30
    assert pagecache._generations()[TOPIC] not in ("an-older-generation", "0")


def test_a_topic_that_is_not_declared_is_refused():
    with pytest.raises(ValueError):
        pagecache.pages_changed("registr")
    with pytest.raises(ValueError):
        pagecache.independent_of("registr")


def test_a_register_change_through_its_actions_drops_its_pages_and_keeps_the_standards(
    client, organisation, django_capture_on_commit_callbacks
):
    from porth.register.actions import mark_service_reviewed
    from porth.register.tests.factories import ServiceFactory

    service = ServiceFactory(organisation=organisation)
    service_page = f"/en/register/services/{service.public_id}/"
    for page in (service_page, "/en/standards/", PAGE):
        client.get(page)

    with django_capture_on_commit_callbacks(execute=True):
        mark_service_reviewed(service=service, reviewed_by=None)

    assert client.get(service_page)[pagecache.HEADER] == "miss"
    assert client.get(PAGE)[pagecache.HEADER] == "miss"  # a body's page lists its services
    assert client.get("/en/standards/")[pagecache.HEADER] == "hit"


@pytest.fixture
def streams_kept(settings):
    settings.PAGE_CACHE_MAX_STREAM_BYTES = 1000


def _read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.urls(__name__)
def test_a_streamed_answer_read_to_its_end_is_kept_for_the_next_reader(client, streams_kept):
    first = client.get("/en/stream/")
    assert first.streaming and first[pagecache.HEADER] == "miss"
    assert "ETag" not in first  # known only once the whole answer has gone
    assert "public" not in first.get("Cache-Control", "")  # it might yet stop part-way
    content = _read(first)

    second = client.get("/en/stream/")

    assert second[pagecache.HEADER] == "hit"
    assert second.content == content == b"piece 0\npiece 1\npiece 2\n"
    assert second["Content-Disposition"] == 'attachment; filename="pieces.csv"'
    assert second["ETag"]
    assert "public" in second["Cache-Control"]  # whole, as it was kept
    assert client.get("/en/stream/", headers={"If-None-Match": second["ETag"]}).status_code == 304


@pytest.mark.urls(__name__)
def test_a_streamed_answer_that_stopped_part_way_is_not_kept(client, streams_kept):
    _read(client.get("/en/stream-stopped/"))

    assert client.get("/en/stream-stopped/")[pagecache.HEADER] == "miss"


@pytest.mark.urls(__name__)
def test_a_streamed_answer_bigger_than_the_limit_is_given_whole_and_not_kept(client, streams_kept):
    big = _read(client.get("/en/stream/?pieces=200"))  # 1,890 bytes, over the 1,000

    assert big.count(b"piece") == 200
    assert client.get("/en/stream/?pieces=200")[pagecache.HEADER] == "miss"


@pytest.mark.urls(__name__)
def test_a_streamed_answer_left_unread_is_not_kept(client, streams_kept):
    unread = client.get("/en/stream/")
    next(iter(unread.streaming_content))
    unread.close()

    assert client.get("/en/stream/")[pagecache.HEADER] == "miss"


@pytest.mark.urls(__name__)
def test_a_streamed_answer_its_view_did_not_let_keep_is_never_kept(client, streams_kept):
    first = client.get("/en/stream/?plain=1")
    _read(first)

    assert pagecache.HEADER not in first
    assert pagecache.HEADER not in client.get("/en/stream/?plain=1")


@pytest.mark.urls(__name__)
def test_no_streamed_answer_is_kept_when_the_limit_is_nought(client, settings):
    settings.PAGE_CACHE_MAX_STREAM_BYTES = 0
    _read(client.get("/en/stream/"))

    assert pagecache.HEADER not in client.get("/en/stream/")


def _change(capture, topic=TOPIC, parts=()) -> None:
    with capture(execute=True):
        pagecache.pages_changed(topic, parts=parts)


def _cached(client, page: str) -> str:
    return client.get(page)[pagecache.HEADER]


@pytest.mark.urls(__name__)
def test_a_change_naming_parts_drops_the_pages_of_those_parts_and_keeps_the_others(
    client, django_capture_on_commit_callbacks
):
    for page in ("/en/part/a/", "/en/part/b/", "/en/register-like/", "/en/standards-like/"):
        client.get(page)

    _change(django_capture_on_commit_callbacks, parts=["part:a"])

    assert _cached(client, "/en/part/a/") == "miss"
    assert _cached(client, "/en/part/b/") == "hit"
    assert _cached(client, "/en/register-like/") == "miss"  # it shows the whole topic
    assert _cached(client, "/en/standards-like/") == "hit"


@pytest.mark.urls(__name__)
def test_a_change_naming_no_parts_of_its_topic_drops_the_pages_of_every_part(
    client, django_capture_on_commit_callbacks
):
    client.get("/en/part/a/"), client.get("/en/standards-like/")

    _change(django_capture_on_commit_callbacks)

    assert _cached(client, "/en/part/a/") == "miss"
    assert _cached(client, "/en/standards-like/") == "hit"


@pytest.mark.urls(__name__)
def test_a_change_naming_no_topic_drops_the_pages_of_every_part(
    client, django_capture_on_commit_callbacks
):
    client.get("/en/part/a/")

    _change(django_capture_on_commit_callbacks, topic=None)

    assert _cached(client, "/en/part/a/") == "miss"


@pytest.mark.urls(__name__)
def test_a_page_of_a_part_made_while_that_part_changed_is_not_served_again(client):
    client.get("/en/part-changing/a/")

    assert _cached(client, "/en/part-changing/a/") == "miss"


@pytest.mark.urls(__name__)
def test_a_page_whose_view_names_no_parts_depends_on_the_whole_topic(
    client, django_capture_on_commit_callbacks
):
    client.get("/en/every-part/a/")

    _change(django_capture_on_commit_callbacks, parts=["part:b"])

    assert _cached(client, "/en/every-part/a/") == "miss"


@pytest.mark.urls(__name__)
def test_a_part_settles_only_through_its_topic_and_is_dropped_at_once_when_named(
    client, settling, django_capture_on_commit_callbacks
):
    client.get("/en/part/a/"), client.get("/en/part/b/")

    _change(django_capture_on_commit_callbacks, parts=["part:a"])

    assert _cached(client, "/en/part/a/") == "miss"  # the service's own page, at once
    settling.now += 30
    assert _cached(client, "/en/part/b/") == "hit"  # still, once the topic has moved
    _change(django_capture_on_commit_callbacks)
    assert _cached(client, "/en/part/b/") == "hit"  # the whole topic settles too
    settling.now += 30
    assert _cached(client, "/en/part/b/") == "miss"


@pytest.mark.urls(__name__)
def test_a_part_whose_generation_was_lost_drops_its_pages(client):
    client.get("/en/part/a/")

    cache.delete(pagecache._part_key(TOPIC, "part:a"))

    assert _cached(client, "/en/part/a/") == "miss"
    assert _cached(client, "/en/part/a/") == "hit"


@pytest.mark.urls(__name__)
def test_signed_in_people_read_no_parts(client, editor, monkeypatch):
    read = []
    monkeypatch.setattr(pagecache, "_part_generations", lambda *args: read.append(args) or {})
    client.force_login(editor)

    response = client.get("/en/part/a/")

    assert response.content == b"part a"
    assert pagecache.HEADER not in response
    assert read == []


def test_parts_belong_to_a_declared_topic():
    with pytest.raises(ValueError):
        pagecache.pages_changed(parts=["part:a"])
    with pytest.raises(ValueError):
        pagecache.shows_parts("registr", lambda request: [])


@pytest.mark.urls(__name__)
def test_a_page_of_a_part_is_still_answered_when_the_cache_cannot_be_reached(client, monkeypatch):
    from unittest import mock

    client.get("/en/part/a/")  # kept, with its part's generation
    get_many = pagecache.cache.get_many

    def lost_at_the_parts(keys):
        if any(":part:" in key for key in keys):
            raise ConnectionError("no redis")
        return get_many(keys)

    with mock.patch.object(pagecache.cache, "get_many", lost_at_the_parts):
        response = client.get("/en/part/a/")

    assert response.status_code == 200
    assert response.content == b"part a"
    assert pagecache.HEADER not in response


@pytest.mark.urls(__name__)
def test_a_page_whose_parts_cannot_be_read_is_answered_and_kept_as_one_of_the_whole_topic(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    def unreadable(*args):
        raise ConnectionError("no redis")

    monkeypatch.setattr(pagecache, "_part_generations", unreadable)
    assert client.get("/en/part/a/").content == b"part a"
    monkeypatch.undo()

    _change(django_capture_on_commit_callbacks, parts=["part:b"])

    assert _cached(client, "/en/part/a/") == "miss"  # it was kept under the whole topic


def _at(monkeypatch, hour: int, minute: int) -> None:
    import datetime
    import zoneinfo

    moment = datetime.datetime(2026, 12, 6, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    monkeypatch.setattr(pagecache.timezone, "localtime", lambda *args: moment)


def test_a_page_of_parts_is_kept_longer_than_others_but_never_past_midnight(settings, monkeypatch):
    settings.PAGE_CACHE_PART_SECONDS = 3600
    parts = {"porth:page:generation:register:part:service:PS-000001": "a-generation"}

    _at(monkeypatch, 12, 0)
    assert pagecache._keep_seconds(parts) == 3600
    assert pagecache._keep_seconds({}) == 300  # a page of the whole topic, or of none
    _at(monkeypatch, 23, 40)
    assert pagecache._keep_seconds(parts) == 20 * 60
    _at(monkeypatch, 23, 58)
    assert pagecache._keep_seconds(parts) == 300  # never less than any other page


def test_a_part_s_generation_outlives_the_pages_kept_with_it(settings):
    settings.PAGE_CACHE_PART_SECONDS = 3600

    assert pagecache._part_seconds() > 2 * 3600


def test_pages_of_parts_are_kept_no_longer_than_others_unless_told(settings, monkeypatch):
    settings.PAGE_CACHE_PART_SECONDS = 0
    _at(monkeypatch, 12, 0)

    assert pagecache._keep_seconds({"a-part": "a-generation"}) == 300


def test_a_new_release_makes_its_pages_again_and_never_serves_an_older_release_page(
    client, organisation, monkeypatch
):
    client.get(PAGE)
    assert client.get(PAGE)[pagecache.HEADER] == "hit"

    monkeypatch.setattr(pagecache.release, "fingerprint", lambda: "the-next-release")
    after_the_deploy = client.get(PAGE)
    monkeypatch.undo()
    still_on_the_old_release = client.get(PAGE)

    assert after_the_deploy[pagecache.HEADER] == "miss"
    assert still_on_the_old_release[pagecache.HEADER] == "hit"


def test_a_value_kept_by_an_older_release_is_worked_out_again(monkeypatch):
    made = []

    def make() -> int:
        made.append(1)
        return len(made)

    first = pagecache.kept_until_whole_changes(TOPIC, "a-count", make)
    again = pagecache.kept_until_whole_changes(TOPIC, "a-count", make)
    monkeypatch.setattr(pagecache.release, "fingerprint", lambda: "the-next-release")
    after_the_deploy = pagecache.kept_until_whole_changes(TOPIC, "a-count", make)

    assert (first, again, after_the_deploy) == (1, 1, 2)
