"""The web's conventions for an open API: CORS, ETags and caching, and a rate limit (ADR 0049).

- **CORS**: anyone's web page may read the open data (`Access-Control-Allow-Origin: *`).
  Only reads: a preflight allows GET, HEAD and OPTIONS and no `Authorization` header, so a
  page elsewhere can never write with someone's token, and `*` never carries cookies.
- **ETag and Cache-Control**: a successful read has an `ETag` (a hash of the body), and a
  request with that ETag in `If-None-Match` is answered `304 Not Modified` with no body.
  Anonymous reads may be cached by anyone for a minute; reads with a token are `private`.
- **Rate limit**: anonymous use is limited per client address (DRF's `AnonRateThrottle`,
  counted in the shared cache, ADR 0045); over the limit, `429` with `Retry-After`. People with
  a personal token are not limited by it. The limit is `PORTH_API_ANONYMOUS_RATE`.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from rest_framework.throttling import AnonRateThrottle

ANONYMOUS_RATE = "120/minute"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
CACHE_SECONDS = 60
EXPOSED_HEADERS = "ETag, Link, Retry-After"


class AnonymousThrottle(AnonRateThrottle):
    """Requests without a token, counted per client address (`REMOTE_ADDR`, ADR 0023)."""

    def get_rate(self) -> str:
        return getattr(settings, "PORTH_API_ANONYMOUS_RATE", ANONYMOUS_RATE)

    def get_ident(self, request) -> str:
        """`REMOTE_ADDR` only. DRF's own reads `X-Forwarded-For` when `NUM_PROXIES` is unset,
        so a client could escape the limit by sending a new address in that header with each
        request (found by the load test, ADR 0062); the proxy in front sets `REMOTE_ADDR`
        (docs/deploy.md), as for every other limit (`porth.core.ratelimit`)."""
        return request.META.get("REMOTE_ADDR", "") or "unknown"


def add_cors_headers(request, response: HttpResponse) -> None:
    """Let any site read; never let another site write."""
    if request.method not in READ_METHODS:
        return
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
        response["Access-Control-Max-Age"] = "86400"


def add_caching(request, response):
    """Once the body is rendered: its ETag, a 304 when the client has it, how long to keep it.

    Registered as a post-render callback, since a DRF response has no body until rendered.
    """
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return None
    set_response_etag(response)
    private = "HTTP_AUTHORIZATION" in request.META
    response["Cache-Control"] = (
        "private, max-age=0, must-revalidate" if private else f"public, max-age={CACHE_SECONDS}"
    )
    patch_vary_headers(response, ["Accept", "Authorization"])
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    if conditional is not response:
        for header in ("Cache-Control", "Vary", "Access-Control-Allow-Origin", "Link"):
            if header in response:
                conditional[header] = response[header]
    return conditional


def anonymous_limit() -> tuple[int, int]:
    """The anonymous rate as (requests, seconds), for the documentation."""
    return AnonymousThrottle().parse_rate(AnonymousThrottle().get_rate())
