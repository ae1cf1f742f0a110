"""iCalendar (RFC 5545) text for sessions: the .ics attached to a confirmation and the feeds.

A few lines of text do not need a dependency: only VEVENTs with UTC times are written.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from .models import Session

PRODID = "-//Porth//Learning//EN"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _when(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded, as RFC 5545 asks."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 74:
            out.append(current)
            current = " "
        current += char
    out.append(current)
    return "\r\n".join(out)


def event_lines(session: Session, *, title: str, url: str, location: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:porth-learning-session-{session.pk}@porth",
        f"DTSTAMP:{_when(timezone.now())}",
        f"DTSTART:{_when(session.starts_at)}",
        f"DTEND:{_when(session.ends_at)}",
        f"SUMMARY:{_escape(title)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if session.is_cancelled:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[list[str]], *, name: str = "") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
