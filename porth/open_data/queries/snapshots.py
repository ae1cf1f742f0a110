"""Snapshots of the register and what has changed since one was taken."""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from porth.core.language import current_language, localised
from porth.register.models import (
    Service,
)
from porth.register.queries import published_services

from ..columns import SERVICE_COLUMNS, Column, service_rows
from ..models import RegisterSnapshot


def snapshots_for_list() -> QuerySet[RegisterSnapshot]:
    """Every snapshot, newest first, without the stored rows (megabytes each)."""
    return RegisterSnapshot.objects.defer("rows").select_related("taken_by")


def all_services_for_snapshot() -> QuerySet[Service]:
    """Every service, retired ones too, in the order of their IDs."""
    return published_services(include_retired=True).order_by("id")


# Columns compared by "what changed": the service's own facts. Labels that come from a code
# (phase_en, service_area_cy …) are left out, so renaming a service area does not show every
# service in that area as changed; `updated_at` is when, not what.
LABELLED_CODES = {
    "organisation",
    "body_type",
    "service_area",
    "users_served",
    "phase",
    "welsh_availability",
    "steps_in_welsh",
}
COMPARED_COLUMNS = [
    column
    for column in SERVICE_COLUMNS
    if column.code not in {"updated_at", "latest_metric_period"}
    and not (
        column.code.endswith(("_en", "_cy")) and column.code.rsplit("_", 1)[0] in LABELLED_CODES
    )
]


def _fingerprint(row: dict[str, Any]) -> str:
    facts = [row.get(column.code) for column in COMPARED_COLUMNS]
    return hashlib.blake2b(
        json.dumps(facts, ensure_ascii=False).encode(), digest_size=16
    ).hexdigest()


@dataclass
class FieldChange:
    column: Column
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return self.column.label_in(current_language())

    @property
    def old_text(self) -> str:
        return _readable(self.old)

    @property
    def new_text(self) -> str:
        return _readable(self.new)


def _readable(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


@dataclass
class ServiceSummary:
    """Enough of a service to name it in a list of changes."""

    public_id: str
    name_en: str
    name_cy: str
    organisation_en: str
    organisation_cy: str
    changes: list[FieldChange] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "ServiceSummary":
        return cls(
            public_id=row["public_id"],
            name_en=row["name_en"],
            name_cy=row["name_cy"],
            organisation_en=row["organisation_en"],
            organisation_cy=row["organisation_cy"],
        )

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def organisation(self) -> str:
        return localised(self, "organisation")


@dataclass
class SnapshotChanges:
    """How the register now differs from a snapshot. Counts are complete; lists stop at the
    limit so that a page stays readable (and small) however much changed."""

    limit: int
    added: list[ServiceSummary] = field(default_factory=list)
    retired: list[ServiceSummary] = field(default_factory=list)
    removed: list[ServiceSummary] = field(default_factory=list)
    changed: list[ServiceSummary] = field(default_factory=list)
    added_count: int = 0
    retired_count: int = 0
    removed_count: int = 0
    changed_count: int = 0

    @property
    def has_changes(self) -> bool:
        return any((self.added_count, self.retired_count, self.removed_count, self.changed_count))


def changes_since(snapshot: RegisterSnapshot, *, limit: int = 200) -> SnapshotChanges:
    """Compare a snapshot with the register now, service by service.

    Holds only a fingerprint per service in memory, not two copies of the register: one pass
    over the snapshot for fingerprints, one over the live register, and a second pass over the
    snapshot for the old values of the (at most `limit`) changed services that will be shown.
    """
    result = SnapshotChanges(limit=limit)
    before: dict[str, tuple[str, bool]] = {
        row["public_id"]: (_fingerprint(row), bool(row["is_retired"]))
        for row in snapshot.iter_rows()
    }
    shown_changes: dict[str, dict[str, Any]] = {}
    for row in service_rows(all_services_for_snapshot()):
        public_id = row["public_id"]
        previous = before.pop(public_id, None)
        if previous is None:
            result.added_count += 1
            if len(result.added) < limit:
                result.added.append(ServiceSummary.from_row(row))
            continue
        fingerprint, was_retired = previous
        if row["is_retired"] and not was_retired:
            result.retired_count += 1
            if len(result.retired) < limit:
                result.retired.append(ServiceSummary.from_row(row))
        elif fingerprint != _fingerprint(row):
            result.changed_count += 1
            if len(shown_changes) < limit:
                shown_changes[public_id] = row
    result.removed_count = len(before)
    if before or shown_changes:
        for old in snapshot.iter_rows():
            public_id = old["public_id"]
            if public_id in before and len(result.removed) < limit:
                result.removed.append(ServiceSummary.from_row(old))
            new = shown_changes.get(public_id)
            if new is not None:
                summary = ServiceSummary.from_row(new)
                summary.changes = [
                    FieldChange(column, old.get(column.code), new.get(column.code))
                    for column in COMPARED_COLUMNS
                    if old.get(column.code) != new.get(column.code)
                ]
                result.changed.append(summary)
    return result
