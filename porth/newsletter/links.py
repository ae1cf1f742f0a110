"""Signed links: what lets a person confirm, manage or unsubscribe without an account.

Each link carries the subscriber's id and address, signed with the site's secret and a salt per
purpose, so a confirm link cannot be used to unsubscribe and a link changed to name another
subscriber (or another address) fails its signature (docs/adr/0035-newsletter.md).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
UNSUBSCRIBE = "newsletter.unsubscribe"

MAX_AGE = {
    CONFIRM: 7 * 24 * 60 * 60,
    MANAGE: 2 * 24 * 60 * 60,
    # An unsubscribe link must work however old the email is (RFC 8058 asks it to keep working).
    UNSUBSCRIBE: None,
}
VIEWS = {
    CONFIRM: "newsletter:confirm",
    MANAGE: "newsletter:manage",
    UNSUBSCRIBE: "newsletter:unsubscribe",
}


@dataclass(frozen=True)
class Signed:
    subscriber_id: int
    email: str


class BadLink(Exception):
    """The link was altered, is for another purpose, or has expired."""


def make_token(purpose: str, *, subscriber_id: int, email: str) -> str:
    return signing.dumps({"s": subscriber_id, "e": email}, salt=purpose, compress=True)


def read_token(purpose: str, token: str) -> Signed:
    try:
        data = signing.loads(token, salt=purpose, max_age=MAX_AGE[purpose])
        return Signed(subscriber_id=int(data["s"]), email=str(data["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadLink from error


def absolute_link(purpose: str, *, subscriber_id: int, email: str, language: str) -> str:
    """The full address of the page for `purpose`, in `language`."""
    token = make_token(purpose, subscriber_id=subscriber_id, email=email)
    with translation.override(language):
        path = reverse(VIEWS[purpose], kwargs={"token": token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_url(view: str, language: str) -> str:
    """The full address of a page without arguments, in `language`."""
    with translation.override(language):
        path = reverse(view)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
