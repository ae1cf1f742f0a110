"""Subscribers out and in as CSV, each with its consent records.

The import is all or nothing: every row is checked first and nothing is written unless all
pass. An address already on the list is a problem, not a merge: nothing is overwritten on a
guess. Each row must carry the consent records that say when and to what the person agreed.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from porth.core import audit

from ..models import (
    MAX_EMAIL,
    ConsentKind,
    ConsentRecord,
    EmailLanguage,
    Frequency,
    Subscriber,
    SubscriberStatus,
    Topic,
)

COLUMNS = ["email", "status", "topics", "frequency", "language", "confirmed_at", "consents"]
MAX_ROWS = 200_000
MAX_PROBLEMS = 50


def export_rows() -> Iterator[list[str]]:
    """The header, then one row per subscriber; consent records as JSON in the last column."""
    yield COLUMNS
    consents: dict[int, list[dict]] = {}
    for record in ConsentRecord.objects.order_by("subscriber_id", "given_at", "pk").iterator(
        chunk_size=5000
    ):
        consents.setdefault(record.subscriber_id, []).append(
            {
                "kind": record.kind,
                "given_at": record.given_at.isoformat(),
                "wording_version": record.wording_version,
                "language": record.language,
            }
        )
    for subscriber in Subscriber.objects.order_by("pk").iterator(chunk_size=5000):
        yield [
            subscriber.email,
            subscriber.status,
            " ".join(subscriber.topics),
            subscriber.frequency,
            subscriber.language,
            subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
            json.dumps(consents.get(subscriber.pk, [])),
        ]


@dataclass
class ImportResult:
    created: int = 0
    problems: list[str] = field(default_factory=list)


class ImportRefused(Exception):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


def _consents(raw: str) -> list[dict[str, Any]]:
    records = json.loads(raw)
    if not isinstance(records, list) or not records:
        raise ValueError
    checked = []
    for record in records:
        given_at = parse_datetime(str(record["given_at"]))
        if (
            given_at is None
            or record["kind"] not in ConsentKind.values
            or record["language"] not in ("cy", "en")
            or not str(record["wording_version"]).strip()
        ):
            raise ValueError
        checked.append(
            {
                "kind": record["kind"],
                "given_at": given_at,
                "wording_version": str(record["wording_version"])[:20],
                "language": record["language"],
            }
        )
    return checked


def _row(number: int, row: dict[str, str], seen: set[str], problems: list[str]) -> dict | None:
    def problem(message: str) -> None:
        problems.append(_("Row %(row)d: %(problem)s") % {"row": number, "problem": message})

    email = (row.get("email") or "").strip().lower()
    try:
        if len(email) > MAX_EMAIL:
            raise ValidationError("long")
        validate_email(email)
    except ValidationError:
        problem(_("the email address is not in the correct format"))
        return None
    if email in seen:
        problem(_("%(email)s is in the file twice") % {"email": email})
        return None
    seen.add(email)
    topics = (row.get("topics") or "").split()
    values = {
        "status": row.get("status") in SubscriberStatus.values,
        "topics": bool(topics) and set(topics) <= set(Topic.values),
        "frequency": row.get("frequency") in Frequency.values,
        "language": row.get("language") in EmailLanguage.values,
    }
    for name, ok in values.items():
        if not ok:
            problem(_("the %(column)s column has a value we do not know") % {"column": name})
            return None
    try:
        consents = _consents(row.get("consents") or "")
    except (ValueError, KeyError, TypeError):
        problem(_("the consents column must list when and to what the person agreed"))
        return None
    confirmed_at = (
        parse_datetime(row.get("confirmed_at") or "") if row.get("confirmed_at") else None
    )
    return {
        "email": email,
        "status": row["status"],
        "topics": topics,
        "frequency": row["frequency"],
        "language": row["language"],
        "confirmed_at": confirmed_at,
        "consents": consents,
    }


def read_rows(data: bytes) -> tuple[list[dict], list[str]]:
    """Every row checked; the rows ready to import and the problems, in the file's order."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("The file must be a CSV file saved as UTF-8")]
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or set(COLUMNS) - set(reader.fieldnames):
        return [], [
            _("The first row must name the columns: %(columns)s") % {"columns": ", ".join(COLUMNS)}
        ]
    rows, problems, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            problems.append(_("The file has more than %(max)d rows") % {"max": MAX_ROWS})
            break
        checked = _row(number, row, seen, problems)
        if checked:
            rows.append(checked)
        if len(problems) >= MAX_PROBLEMS:
            break
    if not rows and not problems:
        problems.append(_("The file has no subscribers in it"))
    existing = set(
        Subscriber.objects.filter(email__in=[r["email"] for r in rows]).values_list(
            "email", flat=True
        )
    )
    for email in sorted(existing)[:MAX_PROBLEMS]:
        problems.append(_("%(email)s is already on the list") % {"email": email})
    return rows, problems


@transaction.atomic
def import_subscribers(*, data: bytes, by: Any) -> ImportResult:
    """Add every subscriber in the CSV with its consent records, or none (raises
    `ImportRefused` with the problems)."""
    rows, problems = read_rows(data)
    if problems:
        raise ImportRefused(problems)
    for row in rows:
        subscriber = Subscriber(
            email=row["email"],
            status=row["status"],
            frequency=row["frequency"],
            language=row["language"],
            confirmed_at=row["confirmed_at"],
        )
        subscriber.choose_topics(set(row["topics"]))
        subscriber.save()
        ConsentRecord.objects.bulk_create(
            [ConsentRecord(subscriber=subscriber, **c) for c in row["consents"]]
        )
    target = Subscriber.objects.get(email=rows[-1]["email"])
    audit.record(
        by=by,
        action="newsletter.import_subscribers",
        target=target,
        title=gettext_lazy("Imported newsletter subscribers from a CSV file"),
    )
    return ImportResult(created=len(rows))
