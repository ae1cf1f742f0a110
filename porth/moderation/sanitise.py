"""What people write is shown as plain text with links, nothing else (ADR 0033).

The text is stored as typed. When shown, every character is escaped (so `<script>`, HTML and
markdown appear as the characters typed), web addresses become links, and nh3 then keeps only
`<a href>` with http(s) addresses, as a second lock in case the first one ever slips.
"""

import re

import nh3
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """The text as typed, less control characters and surrounding space; line ends as \\n."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def as_html(text: str) -> SafeString:
    """The text, escaped, with its web addresses as links and its lines kept."""
    linked = urlize(text, nofollow=True, autoescape=True)
    paragraphs = "".join(
        f"<p>{'<br>'.join(part.split(chr(10)))}</p>" for part in linked.split("\n\n") if part
    )
    cleaned = nh3.clean(
        paragraphs,
        tags={"a", "p", "br"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener noreferrer",
    )
    return mark_safe(cleaned)
