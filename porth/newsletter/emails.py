"""Newsletter emails, in the subscriber's language: Welsh, English, or both in one email with
the Welsh first. Plain text only, so nothing anyone typed can run or be disguised as a link.

Every email that goes to a subscriber carries one-click unsubscribe: a `List-Unsubscribe`
header with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) and the link in the
body.
"""

from collections.abc import Callable
from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from . import links
from .models import Subscriber

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"


def unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    url = links.absolute_link(
        links.UNSUBSCRIBE,
        subscriber_id=subscriber.pk,
        email=subscriber.email,
        language=subscriber.email_languages[0],
    )
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def compose(
    subscriber: Subscriber,
    template: str,
    context: Callable[[str], dict[str, Any]],
    *,
    with_unsubscribe: bool = True,
) -> EmailMessage:
    """One email from `newsletter/email/<template>_subject.txt` and `_body.txt`, rendered in
    each of the subscriber's languages; `context(language)` gives that language's values."""
    subjects, bodies = [], []
    for language in subscriber.email_languages:
        with translation.override(language):
            values = {"subscriber": subscriber, **context(language)}
            if with_unsubscribe:
                values["unsubscribe_url"] = links.absolute_link(
                    links.UNSUBSCRIBE,
                    subscriber_id=subscriber.pk,
                    email=subscriber.email,
                    language=language,
                )
            subject = render_to_string(f"newsletter/email/{template}_subject.txt", values)
            subjects.append(" ".join(subject.split()))
            body = render_to_string(f"newsletter/email/{template}_body.txt", values)
            bodies.append(body.strip())
    return EmailMessage(
        subject=" / ".join(subjects),
        body=SEPARATOR.join(bodies) + "\n",
        to=[subscriber.email],
        headers=unsubscribe_headers(subscriber) if with_unsubscribe else {},
    )
