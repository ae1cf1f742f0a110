"""The skills app's section of an organisation's page: its digital capability self-assessment,
year by year, with the gaps linked to courses. Shown to the body's own people and centre staff
(a body's view of itself is not published); registered in `SkillsConfig.ready()`."""

from typing import Any

from porth.core.permissions import can_administer, can_see_private

from . import queries


def capability_section_context(organisation, user) -> dict[str, Any] | None:
    if not can_see_private(user, organisation):
        return None
    years = queries.capability_years(organisation)
    return {
        "latest": years[0] if years else None,
        "trend": queries.capability_trend(years),
        "years": [year.assessment.year for year in reversed(years)],
        "can_fill_in": can_administer(user, organisation),
    }
