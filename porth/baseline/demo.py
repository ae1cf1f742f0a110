"""Seed the baseline: with `demo`, an open round with a few bodies part-way through.

`manage.py seed --demo` runs it after the demo register and the demo accounts (DEPENDS_ON), so
there are services to confirm and people to act. Production gets nothing from here. Safe to run
again: an existing demo round is left as it is, so whatever someone did in it stays.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone, translation

from porth.accounts.models import User
from porth.core.seeding import SeedOptions
from porth.organisations.models import Organisation, OrganisationType
from porth.register.formatting import period_label
from porth.register.models import PeriodType

from . import actions
from .models import Participation, Round
from .queries import task_list

DEPENDS_ON = ("organisations", "accounts", "register")

CENTRE_STAFF_EMAIL = "centre-staff@porth.example"
# (slug, how far the body has got): part-way, ready to sign off and signed off.
DEMO_PROGRESS = [("cardiff", "some_confirmed"), ("gwynedd", "ready"), ("swansea", "signed_off")]


def last_full_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the latest quarter that has ended by `today`."""
    this_quarter = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last_day = this_quarter - datetime.timedelta(days=1)
    return datetime.date(last_day.year, last_day.month - 2, 1), last_day


def _demo_name(period_start: datetime.date, language: str) -> str:
    with translation.override(language):
        label = period_label(PeriodType.QUARTER, period_start)
        return translation.gettext("Baseline round: %(period)s") % {"period": label}


def _advance(participation: Participation, stage: str, person: User) -> None:
    checks = task_list(participation).services
    to_confirm = checks[: len(checks) // 2] if stage == "some_confirmed" else checks
    for check in to_confirm:
        actions.confirm_service(participation=participation, service=check.service, person=person)
    if stage == "some_confirmed":
        return
    actions.confirm_no_missing_services(participation=participation)
    actions.mark_figures_complete(participation=participation)
    if stage == "signed_off":
        actions.sign_off(participation=participation, person=person)


@transaction.atomic
def seed_demo_round(*, today: datetime.date | None = None) -> Round:
    """Open the demo round for the principal councils, unless it is already there."""
    today = today or timezone.localdate()
    period_start, period_end = last_full_quarter(today)
    name_en = _demo_name(period_start, "en")
    existing = Round.objects.filter(name_en=name_en).first()
    if existing is not None:
        return existing
    staff = User.objects.filter(email=CENTRE_STAFF_EMAIL).first()
    round_ = actions.open_round(
        name_en=name_en,
        name_cy=_demo_name(period_start, "cy"),
        period_start=period_start,
        period_end=period_end,
        deadline=today + datetime.timedelta(days=21),
        body_types=[OrganisationType.PRINCIPAL_COUNCIL],
        opened_by=staff,
    )
    organisations = Organisation.objects.in_bulk(
        [slug for slug, _ in DEMO_PROGRESS], field_name="slug"
    )
    for slug, stage in DEMO_PROGRESS:
        if slug in organisations:
            participation = round_.participations.get(organisation=organisations[slug])
            _advance(participation, stage, staff)
    return round_


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """With `demo`, open the demo round (an existing one is kept as it is)."""
    if not demo:
        return
    round_ = seed_demo_round(today=options.today)
    out(f"Demo baseline round: {round_.name_en}")
