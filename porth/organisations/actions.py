"""Writes to the list of organisations: loading the shared file of Welsh public bodies."""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.functional import Promise
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from porth.core import audit

from .models import Organisation, OrganisationType

# The columns of organisations.csv, which are also the model's fields.
COLUMNS = ("slug", "name_en", "name_cy", "type", "gss_code", "website")

# Row numbers are the ones a spreadsheet shows: the header is row 1, the first body row 2.
FIRST_ROW_NUMBER = 2

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# ONS GSS codes: a letter for the nation, two digits for the entity, six for the instance.
GSS_CODE_PATTERN = re.compile(r"^[EWSNK]\d{8}$")


@dataclass(frozen=True)
class RowProblem:
    """Why one row of the file was refused; the reason reads in whichever language is active."""

    row: int
    reason: Promise

    def message(self, language: str) -> str:
        with override(language):
            return str(_("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason})


class OrganisationRowsInvalid(Exception):
    """Some rows of the file are wrong, so nothing was loaded.

    Every bad row is listed at once, so whoever fixes the file fixes it in one go.
    """

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        lines = [f"{p.message('en')} / {p.message('cy')}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass
class LoadResult:
    created: list[Organisation] = field(default_factory=list)
    updated: list[Organisation] = field(default_factory=list)
    unchanged: list[Organisation] = field(default_factory=list)


def _cleaned(row: Mapping[str, str | None]) -> dict[str, str]:
    return {column: (row.get(column) or "").strip() for column in COLUMNS}


def _row_problems(values: dict[str, str]) -> list[Promise]:
    """Everything wrong with one row on its own; duplicates across rows are found later."""
    reasons: list[Promise] = []
    slug = values["slug"]
    if not slug:
        reasons.append(_("The slug is missing"))
    elif not SLUG_PATTERN.match(slug) or len(slug) > 80:
        reasons.append(
            format_lazy(
                _(
                    "The slug “{slug}” must be up to 80 lower-case letters, numbers and "
                    "single hyphens"
                ),
                slug=slug,
            )
        )
    for column, missing in (
        ("name_en", _("The name in English is missing")),
        ("name_cy", _("The name in Welsh is missing")),
    ):
        if not values[column]:
            reasons.append(missing)
        elif len(values[column]) > 200:
            reasons.append(
                format_lazy(
                    _("The name “{name}” is longer than 200 characters"), name=values[column]
                )
            )
    if values["type"] not in OrganisationType.values:
        reasons.append(
            format_lazy(
                _("The type “{type}” is not one of: {types}"),
                type=values["type"],
                types=", ".join(OrganisationType.values),
            )
        )
    if values["gss_code"] and not GSS_CODE_PATTERN.match(values["gss_code"]):
        reasons.append(
            format_lazy(
                _("The GSS code “{code}” must be a capital letter and 8 digits, like W06000015"),
                code=values["gss_code"],
            )
        )
    if values["website"]:
        try:
            URLValidator(schemes=["http", "https"])(values["website"])
        except ValidationError:
            reasons.append(
                format_lazy(
                    _("The website “{website}” is not a full web address starting with https://"),
                    website=values["website"],
                )
            )
    return reasons


def _validated(rows: Iterable[Mapping[str, str | None]]) -> list[dict[str, str]]:
    cleaned = [_cleaned(row) for row in rows]
    problems = [
        RowProblem(row=number, reason=reason)
        for number, values in enumerate(cleaned, start=FIRST_ROW_NUMBER)
        for reason in _row_problems(values)
    ]
    for column, reason_text in (
        ("slug", _("The slug “{value}” is used by more than one row")),
        ("gss_code", _("The GSS code “{value}” is used by more than one row")),
    ):
        counts = Counter(values[column] for values in cleaned if values[column])
        problems.extend(
            RowProblem(row=number, reason=format_lazy(reason_text, value=values[column]))
            for number, values in enumerate(cleaned, start=FIRST_ROW_NUMBER)
            if counts[values[column]] > 1
        )
    if problems:
        raise OrganisationRowsInvalid(sorted(problems, key=lambda problem: problem.row))
    return cleaned


def _audit(
    organisation: Organisation,
    by,
    title: Promise,
    before: dict,
    after: dict,
    action: str = "organisations.load_organisations",
) -> None:
    audit.record(
        by=by,
        action=action,
        target=organisation,
        title=title,
        before=before,
        after=after,
        organisation=organisation,
    )


@transaction.atomic
def load_organisations(*, rows: Iterable[Mapping[str, str | None]], by=None) -> LoadResult:
    """Bring the organisations table in line with the rows of the shared file.

    Bodies are matched on slug, then on GSS code, so a body that has been renamed (new slug, same
    code) is updated rather than added twice. Bodies missing from the file are kept: people and
    services may still belong to them. Nothing is written unless every row is valid. Each body
    added or changed gets an audit entry; `by` is who loaded the file (None from the command).
    """
    wanted = _validated(rows)
    existing = list(Organisation.objects.select_for_update())
    by_slug = {organisation.slug: organisation for organisation in existing}
    slugs_in_file = {values["slug"] for values in wanted}
    # Only a body whose old slug has left the file can have been renamed.
    renamed_by_gss_code = {
        o.gss_code: o for o in existing if o.gss_code and o.slug not in slugs_in_file
    }
    matches = [
        (values, by_slug.get(values["slug"]) or renamed_by_gss_code.get(values["gss_code"]))
        for values in wanted
    ]
    # A code may move from one body to another in the same file: clear every code that moves
    # before saving any, so the unique constraint never sees one code on two bodies midway.
    Organisation.objects.filter(
        pk__in=[o.pk for values, o in matches if o and o.gss_code != values["gss_code"]]
    ).update(gss_code="")

    result = LoadResult()
    for values, organisation in matches:
        if organisation is None:
            organisation = Organisation.objects.create(**values)
            result.created.append(organisation)
            _audit(
                organisation, by, _("Organisation added"), {}, audit.snapshot(organisation, COLUMNS)
            )
            continue
        changed = [name for name, value in values.items() if getattr(organisation, name) != value]
        if not changed:
            result.unchanged.append(organisation)
            continue
        before = audit.snapshot(organisation, COLUMNS)
        for name in changed:
            setattr(organisation, name, values[name])
        organisation.save(update_fields=changed)
        _audit(
            organisation,
            by,
            _("Organisation changed"),
            before,
            audit.snapshot(organisation, COLUMNS),
        )
        result.updated.append(organisation)
    return result


class OrganisationAlreadyListed(Exception):
    """A body with this name is already in the list."""


def _free_slug(name: str) -> str:
    base = slugify(name)[:70].strip("-") or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def add_organisation(
    *, name_en: str, name_cy: str, type: str, website: str = "", by
) -> Organisation:
    """Add one body that is not in the shared file (a UK Government department, a charity, a
    company), with its type, as centre staff do when someone names a body we do not list."""
    if type not in OrganisationType.values:
        raise ValueError(f"Unknown organisation type {type!r}")
    if Organisation.objects.filter(name_en__iexact=name_en.strip()).exists():
        raise OrganisationAlreadyListed
    organisation = Organisation.objects.create(
        slug=_free_slug(name_en),
        name_en=name_en.strip(),
        name_cy=name_cy.strip(),
        type=type,
        website=website.strip(),
    )
    _audit(
        organisation,
        by,
        _("Organisation added"),
        {},
        audit.snapshot(organisation, COLUMNS),
        action="organisations.add_organisation",
    )
    return organisation
