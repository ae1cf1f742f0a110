"""How often an anonymous form may be sent, counted in the shared cache (ADR 0023).

Counts are kept per client address and, when there is one, per session: a robot that drops the
session cookie is still counted by its address. The counts live in Django's cache, so every web
process shares them once the cache is shared (Redis in production); the default local-memory
cache counts per process.

The client address is `REMOTE_ADDR`. Behind a proxy or load balancer that is the proxy's own
address, so every visitor would share one count: the proxy must set `REMOTE_ADDR` to the real
client's address (for example gunicorn's `--forwarded-allow-ips` with uvicorn's proxy headers, or
a trusted-proxy middleware in front of Django). We never read `X-Forwarded-For` ourselves,
because any client can send that header.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

UNITS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


@dataclass(frozen=True)
class Rate:
    """`count` attempts in any window of `seconds` (a fixed window, counted from its start)."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, rate: str) -> "Rate":
        """ "5/10m" is five in ten minutes; "20/h" twenty an hour."""
        count, _slash, period = rate.partition("/")
        number = period[:-1] or "1"
        return cls(int(count), int(number) * UNITS[period[-1]])


def _now() -> float:
    """The time, in seconds; a function so tests can set it without touching the clock."""
    return time.time()


def limit(key: str, rate: str) -> int:
    """Count one attempt under `key`; 0 if it is allowed, otherwise the seconds to wait.

    The window is fixed (it starts at a multiple of its length), so each count is one cache
    `add` and one atomic `incr`: no read-modify-write race between processes.
    """
    parsed = Rate.parse(rate)
    now = _now()
    window = int(now // parsed.seconds)
    cache_key = f"porth:ratelimit:{key}:{parsed.seconds}:{window}"
    cache.add(cache_key, 0, timeout=parsed.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(cache_key, 1, timeout=parsed.seconds + 1)
        count = 1
    if count <= parsed.count:
        return 0
    return max(1, int((window + 1) * parsed.seconds - now))


def client_address(request: HttpRequest) -> str:
    """The address the request came from (see the module's note about proxies)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_request(request: HttpRequest, action: str, rate: str) -> int:
    """Count one attempt at `action` by this client; 0 if allowed, otherwise seconds to wait.

    Counted per address and per session (when the visitor has one): whichever runs out first
    refuses. Session keys are hashed so they never appear in the cache's key names.
    """
    waits = [limit(f"{action}:ip:{client_address(request)}", rate)]
    session = getattr(request, "session", None)
    session_key = session.session_key if session is not None else None
    if session_key:
        hashed = hashlib.sha256(session_key.encode()).hexdigest()[:32]
        waits.append(limit(f"{action}:session:{hashed}", rate))
    return max(waits)


def refusal_message(seconds: int) -> str:
    """ "Too many attempts, try again in N minutes", rounded up to whole minutes."""
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "You have tried too many times. Try again in %(count)d minute.",
        "You have tried too many times. Try again in %(count)d minutes.",
        minutes,
    ) % {"count": minutes}
