"""Whole pages kept in the shared cache for people who are not signed in (ADR 0053).

Most traffic is the public reading the register, the standards and the manual. A page that an
anonymous visitor got is kept in the shared cache (Redis in production) and given to the next
anonymous visitor without running the view, with an `ETag`, so a browser or CDN that has it
already gets 304 Not Modified.

What is kept: a 200 answer to GET or HEAD, from a view marked `public` (or a Wagtail page),
for a request with no session cookie and no `Authorization` header, that set no cookie,
changed no session and did not ask not to be cached (`never_cache`). A signed-in person always
has a session cookie, so their pages are never looked up or kept.

A page with a form that posts (the manual's and standards' "Is this page useful?") carries
the reader's CSRF token. It is kept with each token's value replaced by a placeholder, and each
reader it is served to gets their own token put back (`get_token`, which also sets their CSRF
cookie): one reader's token never reaches another. Such a page is `private` with no `ETag`,
so no CDN or shared proxy keeps it; only this cache does (ADR 0062). A page whose token
appears anywhere but in `{% csrf_token %}`'s hidden input is not kept.

Invalidation: every action records its write in the audit log, and `audit.record` calls
`pages_changed`; so do Wagtail's publish and unpublish signals and the worker's stored
figures. `pages_changed` moves the cache's generation on once the transaction commits, and
every key holds the generation, so all kept pages are dropped at once and old copies expire.
`PAGE_CACHE_SECONDS` (0 turns the cache off) bounds how long a page can be kept anyway, for
what changes with time alone. Every key also holds the release's fingerprint
(porth.core.release, ADR 0077): a deploy is a change too, and a new release never serves a
page, or a kept value, that an older one made.

Topics (ADR 0066): a change may name a topic from `PAGE_CACHE_TOPICS` (the register's changes
name "register"); it then moves only that topic's generation on. Every kept page records the
generation of each topic as it was before the page was made, and is dropped when one moves,
unless the page was declared independent of it: a view with `@independent_of("register")`,
a Wagtail page class with `page_cache_independent_of = ("register",)`. So an editor's save
drops the register's pages and keeps the standards and the manual. A change that names no
topic drops every page, as before.

Settling (ADR 0067): a topic's move may be put off by up to `PAGE_CACHE_SETTLE_SECONDS`, so
that the changes made in those seconds drop its pages once, not once each. The first change
sets when the move happens; changes made meanwhile are in it and do not put it off, so a
change reaches anonymous readers at most that long after it commits, however often editors
save. A change that names no topic is never put off. Signed-in people are never served kept
pages, so an editor always sees their own change at once.

Parts (ADR 0070): a change to a topic may name the parts of it that it changed (one
service, the bodies that run it); it then moves the topic, as before, and each part's own
generation at once. A view whose page shows only some parts of a topic, known from its
address, says so with `@shows_parts`: its page records those parts' generations and the
topic's *whole* generation, not the topic's, so changes to other parts keep it. A change to
the topic that names no parts moves the whole generation too (settling as the topic does),
so it drops those pages as well. So an editor's save drops that service's page at once and
keeps the other 99,999 services' pages. As such a page is dropped exactly when what it shows
changes, it is kept for `PAGE_CACHE_PART_SECONDS` (an hour), not `PAGE_CACHE_SECONDS`, but never
past midnight (ADR 0071). A value a page shows of the topic's whole, such as a service's
similar services, can be kept by the same generations with `kept_until_whole_changes`.

Lists (ADR 0072): a view whose page lists a topic's records, showing and choosing them only by
what a change of them may say it leaves alone, says so with `@shows_lists`. Its page records
the topic's *listed* generation, not the topic's. That moves (settling as the topic does) with
every change that names no parts, and with a change naming parts unless it says
`lists=False`. So saving what no list shows of a service (its owner, say) keeps the register's
searches. A list that shows each record whole, such as a page of the API's services, may
also name the records it shows once it knows them (`shows_listed_parts`): it is then dropped
by a change to one of those records, and kept through changes to the others (ADR 0073).

Streamed answers (ADR 0068): a view may let a streamed answer be kept, with `keep_stream_if`,
naming how to tell that it ended whole (a download marks one that stopped part-way). The
reader who asked gets it streamed as before, while a copy of up to `PAGE_CACHE_MAX_STREAM_BYTES`
is gathered; it is kept once the stream has ended whole, and never if it was bigger, stopped
part-way or was left unread. So a body's download, asked for again before the register
changes, costs a cache read, not a reading of the register.

The language is in the address, so pages do not vary by cookie; the outer
`PublicCacheHeadersMiddleware` drops `Vary: Cookie` and sets `Cache-Control` for a CDN.
"""

import datetime
import functools
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from porth.core import release
from porth.core.commit_hooks import on_commit_once

logger = logging.getLogger(__name__)
GENERATION_KEY = "porth:page:generation"
HEADER = "X-Porth-Cache"
# Headers a kept page brings back; the rest (cookies, request IDs, security headers) are set
# again by the middleware outside this one on every answer.
KEPT_HEADERS = ("Content-Type", "Link", "Content-Disposition", "Allow", "Vary")
PUBLIC_VIEWS = {"wagtail.views.serve"}
# What `{% csrf_token %}` renders, and what a kept page holds in its place.
FORM_TOKEN = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
TOKEN_PLACEHOLDER = b"porth-page-cache-csrf-token"


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def part_page_seconds() -> int:
    """How long a page of parts (`shows_parts`) may be kept: at least `seconds()`."""
    return max(seconds(), int(getattr(settings, "PAGE_CACHE_PART_SECONDS", 0)))


def _keep_seconds(parts: dict[str, str]) -> int:
    """How long to keep a page (ADR 0071). A page of some parts of a topic is dropped as soon
    as one of them, or the topic as a whole, changes, so it may be kept for
    `part_page_seconds()`; but never past the next midnight here, as what it shows may change
    with the date alone (figures marked out of date), nor for less than any other page."""
    if not parts or part_page_seconds() <= seconds():
        return seconds()
    now = timezone.localtime()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(seconds(), min(part_page_seconds(), int((midnight - now).total_seconds())))


def cdn_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_CDN_SECONDS", 60))


def max_stream_bytes() -> int:
    return getattr(settings, "PAGE_CACHE_MAX_STREAM_BYTES", 0)


STREAM_WHOLE = "porth_page_stream_whole"


def keep_stream_if(response: HttpResponse, ended_whole: Callable[[], bool]) -> HttpResponse:
    """Let the page cache keep this streamed answer, once it has been read to its end, if
    `ended_whole()` then says nothing went wrong part-way (see the module's docstring)."""
    setattr(response, STREAM_WHOLE, ended_whole)
    return response


def topics() -> tuple[str, ...]:
    return tuple(getattr(settings, "PAGE_CACHE_TOPICS", ()))


def settle_seconds() -> float:
    return float(getattr(settings, "PAGE_CACHE_SETTLE_SECONDS", 0))


def _now() -> float:
    """Seconds since the epoch, the clock every process shares (tests move it)."""
    return time.time()


def _topic_key(topic: str) -> str:
    return f"{GENERATION_KEY}:{topic}"


WHOLE = "/whole"
"""Added to a topic's name: the generation only changes naming no parts of it move."""


def _whole(topic: str) -> str:
    return f"{topic}{WHOLE}"


LISTED = "/listed"
"""Added to a topic's name: the generation only changes to what its lists show move."""


def _listed(topic: str) -> str:
    return f"{topic}{LISTED}"


def _part_key(topic: str, part: str) -> str:
    return f"{GENERATION_KEY}:{topic}:part:{part}"


def _part_seconds() -> int:
    """How long a part's generation is kept unchanged: losing one only drops its pages (a
    new one is made), so it need only outlive the pages, not last for ever."""
    return 2 * part_page_seconds() + 60


def _new_generation() -> str:
    return uuid.uuid4().hex


def _topic_generation(state: Any, now: float) -> str | None:
    """The generation a topic's pages are kept under at `now`, from its stored state
    `{"before", "next", "from"}`: `before` until `from`, `next` from then on (a move put off
    while the topic settles). A plain string is a generation stored before topics settled."""
    if isinstance(state, str):
        return state
    if not isinstance(state, dict):
        return None
    return state["next"] if now >= state["from"] else state["before"]


def _generations() -> dict[str, str]:
    """The whole cache's generation (under "") and each topic's as it is now, in one round
    trip."""
    named = [name for topic in topics() for name in (topic, _whole(topic), _listed(topic))]
    keys = {"": GENERATION_KEY, **{name: _topic_key(name) for name in named}}
    found = cache.get_many(list(keys.values()))
    missing = [key for key in keys.values() if key not in found]
    for key in missing:
        generation = _new_generation()
        start = generation if key == GENERATION_KEY else _settled(generation)
        cache.add(key, start, timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    now = _now()
    return {
        name: (found.get(key) if not name else _topic_generation(found.get(key), now)) or "0"
        for name, key in keys.items()
    }


def _settled(generation: str) -> dict[str, Any]:
    return {"before": generation, "next": generation, "from": 0.0}


@dataclass(frozen=True)
class _Bump:
    """Moves the whole cache's generation, or a part's, on at once; equal bumps wait once per
    transaction (`on_commit_once`)."""

    key: str
    timeout: int | None = None

    def __call__(self) -> None:
        try:
            cache.set(self.key, _new_generation(), timeout=self.timeout)
        except Exception:  # a cache that cannot be reached keeps no pages either
            logger.exception("Could not move the page cache on")


@dataclass(frozen=True)
class _TopicMove:
    """Moves one topic's generation on, `PAGE_CACHE_SETTLE_SECONDS` from now; a change made
    while a move is still to come is in that move, so it neither adds one nor puts it off.

    Two processes moving at once each write a whole new state, read from the same one: the
    later write wins, its move at most the moment between them later than the other's, and
    both changes are in it."""

    topic: str

    def __call__(self) -> None:
        try:
            key = _topic_key(self.topic)
            now = _now()
            state = cache.get(key)
            if isinstance(state, dict) and now < state["from"]:
                return
            current = _topic_generation(state, now) or "0"
            moved = {"before": current, "next": _new_generation(), "from": now + settle_seconds()}
            cache.set(key, moved, timeout=None)
        except Exception:  # a cache that cannot be reached keeps no pages either
            logger.exception("Could not move the page cache on")


def pages_changed(
    topic: str | None = None, *, parts: Iterable[str] = (), lists: bool = True
) -> None:
    """Something readers see has changed: drop the kept pages once the change commits (at
    once outside a transaction), so no one is shown the old page after the change is saved.

    With a `topic`, only the pages that depend on it are dropped, within the topic's settling
    time (see the module's docstring); with none, every page, at once. With `parts` too, the
    pages that show only some parts of the topic are dropped (at once) only if they show one
    of these. A change naming parts with `lists=False` changed nothing the topic's lists
    show, so it keeps the pages marked `@shows_lists`; every other change to the topic drops
    them, settling as the topic does."""
    parts = tuple(parts)
    if topic is not None and topic not in topics():
        raise ValueError(f"{topic!r} is not in PAGE_CACHE_TOPICS")
    if topic is None and parts:
        raise ValueError("parts belong to a topic")
    if seconds() <= 0:
        return
    if topic is None:
        on_commit_once(_Bump(GENERATION_KEY), robust=True)
        return
    on_commit_once(_TopicMove(topic), robust=True)
    if not parts:
        on_commit_once(_TopicMove(_whole(topic)), robust=True)
    if lists or not parts:
        on_commit_once(_TopicMove(_listed(topic)), robust=True)
    for part in parts:
        on_commit_once(_Bump(_part_key(topic, part), timeout=_part_seconds()), robust=True)


def _part_generations(topic: str, parts: Iterable[str]) -> dict[str, str]:
    """Each part's generation as it is now, by its key, in one round trip (two if some part
    has none yet: it is given one)."""
    keys = [_part_key(topic, part) for part in parts]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, _new_generation(), timeout=_part_seconds())
    if missing:
        found.update(cache.get_many(missing))
    return {key: found.get(key, "0") for key in keys}


_MISSING = object()
KEPT_VALUE_SECONDS = 3600
"""How long a value kept by `kept_until_whole_changes` may be kept at most: it is dropped by
generation, so this only bounds the memory a value nobody asks for again holds."""


def kept_until_whole_changes(
    topic: str, name: str, make: Callable[[], Any], *, timeout: int = KEPT_VALUE_SECONDS
) -> Any:
    """`make()`, kept in the shared cache under `name` until a change to `topic` that names
    no parts of it, or a change that names no topic, moves the generations on (ADR 0071).

    For what a page shows of the whole topic that no part's change alters, such as the
    register's similar services on a service page: when that page is made again because its
    own service changed, this is read, not worked out. It is exactly as fresh as a kept page
    of the whole topic, settling as the topic does, and it serves signed-in people too, as it
    holds nothing of theirs. The generations are read before `make` runs, so a change that
    commits meanwhile leaves the value under the old ones. With the page cache off, or the
    cache out of reach, `make()` every time."""
    if seconds() <= 0:
        return make()
    if topic not in topics():
        raise ValueError(f"{topic!r} is not in PAGE_CACHE_TOPICS")
    try:
        generations = _generations()
        key = (
            f"porth:kept:{release.fingerprint()}:{generations['']}:"
            f"{generations[_whole(topic)]}:{name}"
        )
        found = cache.get(key, _MISSING)
    except Exception:
        logger.exception("Page cache unreachable; working the value out")
        return make()
    if found is not _MISSING:
        return found
    value = make()
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.exception("Could not keep a value in the cache")
    return value


PARTS = "porth_page_parts"


def shows_parts(
    topic: str, parts: Callable[..., Iterable[str] | None]
) -> Callable[[Callable], Callable]:
    """Mark a public view whose page shows, of `topic`, only the parts that
    `parts(request, **kwargs)` names (None: the whole topic, as an unmarked view), so that
    changes naming other parts keep it (see the module's docstring).

    The parts' generations are read before the view reads anything, so a change that commits
    while the page is made leaves it out of date, and it is not served again. Listed above
    `@public`."""
    if topic not in topics():
        raise ValueError(f"{topic!r} is not in PAGE_CACHE_TOPICS")

    def mark(view: Callable) -> Callable:
        @functools.wraps(view)
        def reads_parts_first(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            _note_parts(request, topic, lambda: parts(request, **kwargs))
            return view(request, *args, **kwargs)

        return reads_parts_first

    return mark


LISTS = "porth_page_lists"


def shows_lists(
    topic: str, unless: Callable[[HttpRequest], bool] = lambda request: False
) -> Callable[[Callable], Callable]:
    """Mark a public view whose page lists `topic`'s records, showing, finding, filtering and
    ordering them only by what a change naming parts with `lists=False` leaves alone, so that
    such changes keep it (see the module's docstring). `unless(request)` names the pages of
    the view that do depend on more (the register ordered by when services changed), which
    are kept as pages of the whole topic. Listed above `@public`."""
    if topic not in topics():
        raise ValueError(f"{topic!r} is not in PAGE_CACHE_TOPICS")

    def mark(view: Callable) -> Callable:
        @functools.wraps(view)
        def lists_topic(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if _may_look_up(request) and not unless(request):
                setattr(request, LISTS, topic)
            return view(request, *args, **kwargs)

        return lists_topic

    return mark


def shows_listed_parts(request: HttpRequest, topic: str, parts: Iterable[str]) -> None:
    """Said by a view whose page lists some of `topic`'s records, once it knows which (a page
    of the API's list of every live service: their ids) and before it reads what it shows of
    them. Its page then records the topic's listed generation and these parts', so a change
    to a record it does not show, naming parts with `lists=False`, keeps it (ADR 0073).

    Only for a list whose members and order change only with what moves the listed
    generation: adding or retiring a record (no parts), or a listed change (`lists=True`)."""
    if topic not in topics():
        raise ValueError(f"{topic!r} is not in PAGE_CACHE_TOPICS")
    _note_parts(request, topic, lambda: parts, listed=True)


def _note_parts(
    request: HttpRequest,
    topic: str,
    parts: Callable[[], Iterable[str] | None],
    *,
    listed: bool = False,
) -> None:
    """Record on a request whose page may be kept the parts of `topic` it shows (none: the
    whole topic) with their generations as they are now, and with `listed`, that it lists the
    topic. A cache out of reach leaves the page kept, if at all, as one of the whole topic."""
    plain = getattr(request, "_request", request)  # Django's own, under DRF's
    if not _may_look_up(plain):
        return
    try:
        names = parts()
        if names is not None:
            setattr(plain, PARTS, (topic, _part_generations(topic, names)))
            if listed:
                setattr(plain, LISTS, topic)
    except Exception:  # kept as a page of the whole topic, if at all
        logger.exception("Could not read the page cache's parts")


def independent_of(*names: str) -> Callable[[Callable], Callable]:
    """Mark a public view whose page shows nothing of these topics, so their changes keep it.

    Listed above `@public`: it only labels the view the URL resolves to."""
    unknown = set(names) - set(topics())
    if unknown:
        raise ValueError(f"{sorted(unknown)} not in PAGE_CACHE_TOPICS")

    def mark(view: Callable) -> Callable:
        view.porth_page_independent_of = frozenset(names)
        return view

    return mark


def _independent_of(request: HttpRequest, response: HttpResponse) -> frozenset[str]:
    match = getattr(request, "resolver_match", None)
    marked = getattr(getattr(match, "func", None), "porth_page_independent_of", None)
    if marked is not None:
        return marked
    page = (getattr(response, "context_data", None) or {}).get("page")
    return frozenset(getattr(page, "page_cache_independent_of", ()))


def _still_current(kept: dict[str, Any], generations: dict[str, str]) -> bool:
    if not all(generations.get(topic) == seen for topic, seen in kept.get("topics", {}).items()):
        return False
    parts = kept.get("parts")
    if not parts:
        return True
    now = cache.get_many(list(parts))
    return all(now.get(key) == seen for key, seen in parts.items())


def _depends_on(
    request: HttpRequest, response: HttpResponse, generations: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The topics' generations (as read before the page was made) and the parts' that a page
    records: every topic it is not independent of, by its own generation, except a topic it
    only lists, by its listed generation (and the parts it lists, if it named them), and a
    topic of which it shows only some parts, by its whole generation and those parts'."""
    independent = _independent_of(request, response)
    topic, parts = getattr(request, PARTS, (None, {}))
    listed = getattr(request, LISTS, None)
    recorded = [
        _listed(name) if name == listed else _whole(name) if name == topic else name
        for name in topics()
        if name not in independent
    ]
    return {name: generations[name] for name in recorded}, parts


def _may_look_up(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or seconds() <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if "Authorization" in request.headers:
        return False
    path = request.path_info
    return path.startswith("/api/") or bool(get_language_from_path(path))


def _key(request: HttpRequest, generation: str) -> str:
    # The API answers in the format the client accepts; pages under /cy/ and /en/ do not vary.
    accept = request.headers.get("Accept", "") if request.path_info.startswith("/api/") else ""
    address = f"{request.get_host()}|{request.get_full_path()}|{accept}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"porth:page:{release.fingerprint()}:{generation}:{digest}"


def _view_is_public(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if getattr(match.func, "porth_access", None) == "public":
        return True
    return f"{match.func.__module__}.{match.func.__name__}" in PUBLIC_VIEWS


def _may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.cookies:
        return False
    if response.streaming and (not hasattr(response, STREAM_WHOLE) or max_stream_bytes() <= 0):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    return _view_is_public(request)


def _uses_form_token(request: HttpRequest) -> bool:
    return bool(
        request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _without_form_tokens(request: HttpRequest, content: bytes) -> bytes | None:
    """The page with each form token's value replaced by the placeholder, or None if the
    reader's token (or anything of it) would still be in it."""
    kept, replaced = FORM_TOKEN.subn(rb"\1" + TOKEN_PLACEHOLDER + rb"\2", content)
    secret = str(request.META.get("CSRF_COOKIE", "")).encode()
    if not replaced or b"csrfmiddlewaretoken" in FORM_TOKEN.sub(b"", kept):
        return None
    if secret and secret in kept:
        return None
    return kept


def _etag(content: bytes) -> str:
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


def _not_modified(request: HttpRequest, etag: str) -> bool:
    wanted = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    return etag in wanted or "*" in wanted


def _answer(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    if kept.get("per_reader"):
        # The reader's own CSRF token in each form; `get_token` sets their cookie if need be.
        token = get_token(request).encode()
        response = HttpResponse(kept["content"].replace(TOKEN_PLACEHOLDER, token), status=200)
        for name, value in kept["headers"].items():
            response[name] = value
        response[HEADER] = "hit"
        response.porth_page_cached = True
        response.porth_page_private = True
        return response
    if _not_modified(request, kept["etag"]):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(kept["content"], status=200)
        for name, value in kept["headers"].items():
            response[name] = value
    response["ETag"] = kept["etag"]
    response[HEADER] = "hit"
    response.porth_page_cached = True
    return response


class AnonymousPageCacheMiddleware:
    """Looks pages up and keeps them (see the module's docstring). Listed late, after
    authentication and the audience count, so every hit is still counted and still gets the
    security headers, the language cookie and the request ID from the middleware around it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_look_up(request):
            return self.get_response(request)
        try:
            generations = _generations()
            key = _key(request, generations[""])
            kept = cache.get(key)
            current = kept is not None and _still_current(kept, generations)
        except Exception:
            logger.exception("Page cache unreachable; answering without it")
            return self.get_response(request)
        if current:
            return _answer(request, kept)
        response = self.get_response(request)
        if not _may_keep(request, response):
            return response
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        # The topics' generations as they were before the page was made: a change that
        # commits while it is made leaves it out of date, and so it is not served again.
        seen, parts = _depends_on(request, response, generations)
        if _uses_form_token(request):
            if response.streaming:
                return response
            return self._keep_per_reader(request, response, key, headers, seen, parts)
        if response.streaming:
            return self._keep_stream(response, key, headers, seen, parts)
        content = response.content
        etag = _etag(content)
        try:
            cache.set(
                key,
                {
                    "content": content,
                    "headers": headers,
                    "etag": etag,
                    "topics": seen,
                    "parts": parts,
                },
                _keep_seconds(parts),
            )
        except Exception:
            logger.exception("Could not keep a page in the cache")
        response["ETag"] = etag
        response[HEADER] = "miss"
        response.porth_page_cached = True
        if _not_modified(request, etag):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            not_modified[HEADER] = "miss"
            not_modified.porth_page_cached = True
            return not_modified
        return response

    def _keep_stream(
        self,
        response: HttpResponse,
        key: str,
        headers: dict[str, str],
        seen: dict[str, str],
        parts: dict[str, str],
    ) -> HttpResponse:
        """Stream the answer to this reader, gathering a copy to keep once it has ended whole
        (see the module's docstring). This reader gets no ETag (it is known only at the end)
        and no `Cache-Control` for a CDN."""
        ended_whole = getattr(response, STREAM_WHOLE)
        limit = max_stream_bytes()

        def copied(chunks: Iterator[bytes]) -> Iterator[bytes]:
            gathered: list[bytes] | None = []
            size = 0
            for chunk in chunks:
                if gathered is not None:
                    size += len(chunk)
                    if size > limit:
                        gathered = None
                    else:
                        gathered.append(chunk)
                yield chunk
            if gathered is None or not ended_whole():
                return
            content = b"".join(gathered)
            kept = {
                "content": content,
                "headers": headers,
                "etag": _etag(content),
                "topics": seen,
                "parts": parts,
            }
            try:
                cache.set(key, kept, _keep_seconds(parts))
            except Exception:
                logger.exception("Could not keep a streamed answer in the cache")

        response.streaming_content = copied(iter(response.streaming_content))
        response[HEADER] = "miss"
        # Not marked for a CDN: whether this copy ends whole is known only after its headers
        # have gone. The kept copy, whole by then, is (`_answer`).
        return response

    def _keep_per_reader(
        self,
        request: HttpRequest,
        response: HttpResponse,
        key: str,
        headers: dict[str, str],
        seen: dict[str, str],
        parts: dict[str, str],
    ) -> HttpResponse:
        """Keep a page with form tokens as a template (see the module's docstring); this
        reader gets the page as rendered for them, private and without an ETag."""
        template = _without_form_tokens(request, response.content)
        if template is None:
            return response
        try:
            cache.set(
                key,
                {
                    "content": template,
                    "headers": headers,
                    "etag": "",
                    "per_reader": True,
                    "topics": seen,
                    "parts": parts,
                },
                _keep_seconds(parts),
            )
        except Exception:
            logger.exception("Could not keep a page in the cache")
        response[HEADER] = "miss"
        response.porth_page_cached = True
        response.porth_page_private = True
        return response


class PublicCacheHeadersMiddleware:
    """Listed before the session middleware, so it sees the answer last: a kept page is the
    same for every anonymous reader, so it may be cached by a CDN for `PAGE_CACHE_CDN_SECONDS`
    and by browsers only with a check (`max-age=0` and its ETag), and it does not vary by
    cookie. An answer that sets a cookie (the language cookie, on a first visit) stays private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "porth_page_cached", False):
            return response
        if getattr(response, "porth_page_private", False):
            # It holds this reader's CSRF token: for their browser only, checked every time.
            response["Cache-Control"] = "private, no-cache"
            return response
        if response.has_header("Vary"):
            kept = [
                value.strip()
                for value in response["Vary"].split(",")
                if value.strip() and value.strip().lower() != "cookie"
            ]
            del response["Vary"]
            if kept:
                patch_vary_headers(response, kept)
        if response.cookies:
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
        else:
            response["Cache-Control"] = (
                f"public, max-age=0, s-maxage={cdn_seconds()}, must-revalidate"
            )
        return response
