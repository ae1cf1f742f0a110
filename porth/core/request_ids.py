"""A request ID on every log line, so one request can be followed across processes.

The load balancer's `X-Request-ID` is kept when it is a plain token; otherwise Porth makes one.
It is sent back in the response header and added to every log record made while the request
is served (the worker's records have none).
"""

import contextvars
import logging
import re
import uuid

_current: contextvars.ContextVar[str] = contextvars.ContextVar("porth_request_id", default="")
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


def request_id_from(header_value: str | None) -> str:
    """The caller's ID if it is safe to log, else a new one."""
    if header_value and _ACCEPTABLE.match(header_value):
        return header_value
    return uuid.uuid4().hex


def begin(request_id: str) -> contextvars.Token:
    return _current.set(request_id)


def end(token: contextvars.Token) -> None:
    _current.reset(token)


def current() -> str:
    return _current.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
