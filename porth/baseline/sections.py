"""The organisation page shows the body's open rounds to the people who work on them."""

from typing import Any

from porth.core.permissions import can_edit
from porth.core.sections import ORGANISATION_PAGE, PageSection, register_section
from porth.organisations.models import Organisation

from .queries import open_participations_for


def _context(organisation: Organisation, user: Any) -> dict | None:
    if not can_edit(user, organisation):
        return None
    participations = list(open_participations_for(user, organisation=organisation))
    return {"participations": participations} if participations else None


def register_sections() -> None:
    register_section(
        slot=ORGANISATION_PAGE,
        section=PageSection(
            key="baseline_rounds",
            template_name="baseline/organisation_rounds.html",
            get_context=_context,
            order=50,
        ),
    )
