"""Loading and publishing versions of the standards, and seeding their checklists."""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from porth.core import audit

from ..models import Criterion, Phase, Standard, StandardGroup, StandardSet

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class StandardsFileInvalid(Exception):
    """The standards files disagree or miss a value every standard needs."""


class StandardSetAlreadyExists(Exception):
    """A version with this number has already been published; versions are never reused."""


@dataclass(frozen=True)
class CriterionRow:
    standard: int
    phase: str
    order: int
    text_en: str
    text_cy: str


@dataclass(frozen=True)
class StandardRow:
    number: int
    group_en: str
    group_cy: str
    name_en: str
    name_cy: str
    summary_en: str
    summary_cy: str


def read_standard_rows(
    *,
    standards_csv: Path = DATA_DIR / "standards.csv",
    summaries_cy_csv: Path = DATA_DIR / "standards_summary_cy.csv",
) -> list[StandardRow]:
    """The standards from the shared CSV, joined with our Welsh summaries by number.

    The shared file has no Welsh summaries, so they live in a second file we write ourselves;
    a standard without one is refused rather than shown in English on a Welsh page.
    """
    with summaries_cy_csv.open(encoding="utf-8", newline="") as handle:
        summaries_cy = {
            int(row["number"]): row["summary_cy"].strip() for row in csv.DictReader(handle)
        }
    rows = []
    with standards_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number = int(row["number"])
            if not summaries_cy.get(number):
                raise StandardsFileInvalid(f"Standard {number} has no Welsh summary")
            rows.append(
                StandardRow(
                    number=number,
                    group_en=row["group_en"].strip(),
                    group_cy=row["group_cy"].strip(),
                    name_en=row["name_en"].strip(),
                    name_cy=row["name_cy"].strip(),
                    summary_en=row["summary_en"].strip(),
                    summary_cy=summaries_cy[number],
                )
            )
    if not rows:
        raise StandardsFileInvalid("The standards file is empty")
    return rows


def _write_standards(standard_set: StandardSet, rows: list[StandardRow]) -> None:
    """Groups are numbered in the order they first appear, as the published standards list them."""
    groups: dict[str, StandardGroup] = {}
    for row in rows:
        if row.group_en not in groups:
            groups[row.group_en], _created = StandardGroup.objects.update_or_create(
                standard_set=standard_set,
                number=len(groups) + 1,
                defaults={"name_en": row.group_en, "name_cy": row.group_cy},
            )
        Standard.objects.update_or_create(
            standard_set=standard_set,
            number=row.number,
            defaults={
                "group": groups[row.group_en],
                "name_en": row.name_en,
                "name_cy": row.name_cy,
                "summary_en": row.summary_en,
                "summary_cy": row.summary_cy,
            },
        )


@transaction.atomic
def load_standard_set(
    *, version: str, published_on: date, rows: list[StandardRow], by=None
) -> StandardSet:
    """Create a version of the standards, or bring its wording up to date; safe to run again.

    Re-running corrects the wording of the same version. A change in meaning is a new version:
    use `publish_standard_set`. The set becomes current only when no set is current yet, so
    loading the first version never demotes a later one.
    """
    standard_set, _created = StandardSet.objects.get_or_create(
        version=version, defaults={"published_on": published_on}
    )
    if not StandardSet.objects.filter(is_current=True).exists():
        standard_set.is_current = True
        standard_set.save(update_fields=["is_current"])
    _write_standards(standard_set, rows)
    audit.record(
        by=by,
        action="standards.load_standard_set",
        target=standard_set,
        title=_("Standards version %(version)s loaded"),
        title_values={"version": version},
        after={
            **audit.snapshot(standard_set, ["published_on", "is_current"]),
            "standards": audit.Shown(_("standards"), len(rows)),
        },
    )
    return standard_set


@transaction.atomic
def publish_standard_set(
    *, version: str, published_on: date, rows: list[StandardRow], by=None
) -> StandardSet:
    """Make a new version current; older sets, and all that refers to them, stay as they were."""
    if StandardSet.objects.filter(version=version).exists():
        raise StandardSetAlreadyExists(version)
    previous = StandardSet.objects.select_for_update().filter(is_current=True).first()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    standard_set = StandardSet.objects.create(
        version=version, published_on=published_on, is_current=True
    )
    _write_standards(standard_set, rows)
    if previous is not None:
        _copy_criteria(source=previous, target=standard_set)
    audit.record(
        by=by,
        action="standards.publish_standard_set",
        target=standard_set,
        title=_("Standards version %(version)s published"),
        title_values={"version": version},
        before={"current": audit.Shown(_("current version"), previous)},
        after={"current": audit.Shown(_("current version"), standard_set)},
    )
    return standard_set


def _copy_criteria(*, source: StandardSet, target: StandardSet) -> None:
    """A new version starts with the previous version's checklists, matched by standard number,
    so centre staff edit what changed rather than retyping every criterion."""
    targets = {standard.number: standard for standard in target.standards.all()}
    Criterion.objects.bulk_create(
        Criterion(
            standard=targets[criterion.standard.number],
            phase=criterion.phase,
            text_en=criterion.text_en,
            text_cy=criterion.text_cy,
            order=criterion.order,
        )
        for criterion in Criterion.objects.filter(standard__standard_set=source).select_related(
            "standard"
        )
        if criterion.standard.number in targets
    )


def read_criterion_rows(*, criteria_csv: Path = DATA_DIR / "criteria.csv") -> list[CriterionRow]:
    with criteria_csv.open(encoding="utf-8", newline="") as handle:
        rows = [
            CriterionRow(
                standard=int(row["standard"]),
                phase=row["phase"].strip(),
                order=int(row["order"]),
                text_en=row["text_en"].strip(),
                text_cy=row["text_cy"].strip(),
            )
            for row in csv.DictReader(handle)
        ]
    for row in rows:
        if row.phase not in Phase.values or not (row.text_en and row.text_cy):
            raise StandardsFileInvalid(f"Criterion {row.standard}/{row.phase}/{row.order}")
    return rows


@transaction.atomic
def seed_criteria(*, standard_set: StandardSet, rows: list[CriterionRow], by=None) -> int:
    """Fill the checklists that are still empty; returns how many criteria were added.

    A checklist centre staff have already started is left alone, so running this again never
    overwrites their edits or duplicates a criterion.
    """
    standards = {standard.number: standard for standard in standard_set.standards.all()}
    filled = set(
        Criterion.objects.filter(standard__standard_set=standard_set).values_list(
            "standard__number", "phase"
        )
    )
    new = [
        Criterion(
            standard=standards[row.standard],
            phase=row.phase,
            order=row.order,
            text_en=row.text_en,
            text_cy=row.text_cy,
        )
        for row in rows
        if row.standard in standards and (row.standard, row.phase) not in filled
    ]
    Criterion.objects.bulk_create(new)
    if new:
        audit.record(
            by=by,
            action="standards.seed_criteria",
            target=standard_set,
            title=_("Criteria added to version %(version)s"),
            title_values={"version": standard_set.version},
            after={"criteria": audit.Shown(_("criteria added"), len(new))},
        )
    return len(new)
