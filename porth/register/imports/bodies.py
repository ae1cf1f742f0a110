"""Files of services for several bodies at once, for centre staff (issue 11 item 3, ADR 0047).

Each row says whose service it is in the organisation code column. The rows are grouped by
body and each group is checked exactly as a body's own file is (`check_services`: its
services, its references, its possible duplicates), so nothing about matching changes; the
preview gives the counts per body; the whole file is still written in one transaction, so a
problem in any body's rows stops every body's.
"""

import re
from typing import Any

from porth.organisations.models import Organisation

from ..models import ImportKind
from . import cells
from .columns import match_headers
from .problems import FileRefused, Problem
from .reading import Table
from .services import CheckedServices, Choices, Progress, check_services


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _bodies_by_name() -> dict[str, Organisation]:
    named: dict[str, Organisation] = {}
    for body in Organisation.objects.all():
        for name in (body.slug, body.name_en, body.name_cy):
            named[_fold(name)] = body
    return named


def check_services_by_body(
    table: Table,
    *,
    progress: Progress,
    max_problems: int | None = None,
    choices: Choices,
) -> tuple[CheckedServices, dict[int, Organisation]]:
    """Every row checked against the services of the body its organisation code names.

    Returns the checked rows of all bodies together, and each row's body by row number.
    Refuses a file without the organisation code column (the mapping page can name it).
    """
    positions = match_headers(ImportKind.SERVICES, table.headers)
    if "organisation" not in positions:
        raise FileRefused("missing_columns", columns=["organisation"])
    position = positions["organisation"]
    named = _bodies_by_name()
    groups: dict[int, list[tuple[int, list]]] = {}
    bodies: dict[int, Organisation] = {}
    row_bodies: dict[int, Organisation] = {}
    result = CheckedServices()
    for number, row in table.rows:
        code = cells.text(row[position] if position < len(row) else None)
        body = named.get(_fold(code)) if code else None
        if body is None:
            problem = (
                Problem("unknown_organisation", number, "organisation", {"value": code}, code)
                if code
                else Problem("required", number, "organisation", {})
            )
            result.problems.append(problem)
            continue
        bodies[body.pk] = body
        row_bodies[number] = body
        groups.setdefault(body.pk, []).append((number, row))
    done, total = 0, sum(len(rows) for rows in groups.values())
    for pk, rows in groups.items():

        def counted(so_far: int, _total: int, start: int = done) -> None:
            progress(start + so_far, max(total, start + so_far))

        checked = check_services(
            Table(headers=table.headers, rows=iter(rows), approximate_rows=len(rows)),
            organisation=bodies[pk],
            progress=counted,
            max_problems=max_problems,
            choices=choices,
        )
        done += len(rows)
        result.planned.extend(checked.planned)
        result.flagged.extend(checked.flagged)
        result.problems.extend(checked.problems)
        result.ignored_columns = checked.ignored_columns
        result.more_problems |= checked.more_problems
        if max_problems is not None and len(result.problems) > max_problems:
            result.more_problems = True
            break
    result.problems.sort(key=lambda problem: problem.row or 0)
    if max_problems is not None and len(result.problems) > max_problems:
        del result.problems[max_problems:]
        result.more_problems = True
    return result, row_bodies


def by_body(outcome: dict[str, Any], row_bodies: dict[int, Organisation]) -> dict[str, Any]:
    """The outcome with each row's body named, and the counts for each body."""
    summary: dict[int, dict[str, Any]] = {}
    for body in row_bodies.values():
        summary.setdefault(
            body.pk,
            {
                "organisation": {"en": body.name_en, "cy": body.name_cy},
                "counts": {"created": 0, "updated": 0, "unchanged": 0},
                "rows": 0,
                "undecided": 0,
                "skipped": 0,
            },
        )
    for row in outcome.get("rows", []):
        body = row_bodies.get(row["row"])
        if body is None:
            continue
        row["organisation"] = summary[body.pk]["organisation"]
        if row["action"] in ("created", "updated"):
            summary[body.pk]["counts"][row["action"]] += 1
        if row["action"] == "duplicate":
            summary[body.pk]["undecided"] += 1
        if row["action"] == "skipped":
            summary[body.pk]["skipped"] += 1
    for body in row_bodies.values():
        summary[body.pk]["rows"] += 1
    for entry in summary.values():
        counted = sum(entry["counts"].values()) + entry["undecided"] + entry["skipped"]
        entry["counts"]["unchanged"] = max(0, entry["rows"] - counted)
    outcome["bodies"] = sorted(summary.values(), key=lambda entry: entry["organisation"]["en"])
    return outcome
