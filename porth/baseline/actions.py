"""Opening and closing rounds, each body's answers and sign-off, and reminder emails.

Every action checks the round's rules itself (open round, body not signed off, only an
organisation admin signs off), so a page, a command or a future API cannot get round them.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from porth.accounts.models import Membership
from porth.core.permissions import can_administer
from porth.open_data.models import SnapshotReason
from porth.open_data.queue import queue_snapshot
from porth.organisations.models import Organisation
from porth.register import actions as register_actions
from porth.register.models import Service

from .models import Participation, Round, RoundStatus
from .queries import Progress, round_progress, snapshot_label, task_list

REMINDER_DAYS_BEFORE_DEADLINE = 7


class NoBodiesInScope(Exception):
    """No organisation is of the types the round was asked to include."""


class RoundClosed(Exception):
    """A closed round is a record: nothing in it changes."""


class AlreadySignedOff(Exception):
    """The body has signed off its part of the round, so its answers stand."""


class ServiceNotInRound(Exception):
    """The service belongs to another body, or has been retired."""


class NotOrganisationAdmin(Exception):
    """Only an organisation admin (or centre staff) signs off for a body."""


class TasksIncomplete(Exception):
    """A body signs off only when its other three tasks are complete."""


def _check_can_change(participation: Participation) -> None:
    if not participation.round.is_open:
        raise RoundClosed
    if participation.is_signed_off:
        raise AlreadySignedOff


def _touch(participation: Participation, **fields: Any) -> Participation:
    fields["last_activity_at"] = timezone.now()
    for name, value in fields.items():
        setattr(participation, name, value)
    participation.save(update_fields=list(fields))
    return participation


def _locked(participation: Participation) -> Participation:
    """The participation read again under a row lock, so two people cannot race a sign-off."""
    return (
        Participation.objects.select_for_update()
        .select_related("round", "organisation")
        .get(pk=participation.pk)
    )


@transaction.atomic
def open_round(
    *,
    name_en: str,
    name_cy: str,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
    body_types: Sequence[str],
    opened_by: Any,
) -> Round:
    """Open a round for every body of the chosen types, each with its own task list."""
    organisations = list(Organisation.objects.filter(type__in=body_types))
    if not organisations:
        raise NoBodiesInScope
    round_ = Round.objects.create(
        name_en=name_en.strip(),
        name_cy=name_cy.strip(),
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        body_types=sorted(set(body_types)),
        opened_by=opened_by,
    )
    Participation.objects.bulk_create(
        Participation(round=round_, organisation=organisation) for organisation in organisations
    )
    return round_


@transaction.atomic
def confirm_service(*, participation: Participation, service: Service, person: Any) -> Service:
    """Say the service's record is still right: its last-reviewed date becomes today, and the
    register's change log records who confirmed it."""
    participation = _locked(participation)
    _check_can_change(participation)
    if service.organisation_id != participation.organisation_id or service.is_retired:
        raise ServiceNotInRound
    register_actions.mark_service_reviewed(service=service, reviewed_by=person)
    _touch(participation)
    return service


@transaction.atomic
def confirm_all_services(*, participation: Participation, person: Any) -> int:
    """Confirm every current service not yet confirmed in this round; returns how many."""
    checks = [check for check in task_list(participation).services if not check.is_confirmed]
    for check in checks:
        confirm_service(participation=participation, service=check.service, person=person)
    return len(checks)


@transaction.atomic
def confirm_no_missing_services(*, participation: Participation) -> Participation:
    """The body says every service it offers is now in the register. Who said so is not
    recorded: any editor of the body may, and only the admin's sign-off is signed."""
    participation = _locked(participation)
    _check_can_change(participation)
    return _touch(participation, no_missing_services_at=timezone.now())


@transaction.atomic
def mark_figures_complete(*, participation: Participation) -> Participation:
    """The body says it has given every figure it can for the period, even if some services
    have none (a service may not measure anything yet). As with the missing services, who
    said so is not recorded."""
    participation = _locked(participation)
    _check_can_change(participation)
    return _touch(participation, figures_complete_at=timezone.now())


@transaction.atomic
def sign_off(*, participation: Participation, person: Any) -> Participation:
    """An organisation admin signs off the body's part of the round; after this it is fixed."""
    participation = _locked(participation)
    _check_can_change(participation)
    if not can_administer(person, participation.organisation):
        raise NotOrganisationAdmin
    if not task_list(participation).is_ready_to_sign_off:
        raise TasksIncomplete
    now = timezone.now()
    return _touch(participation, signed_off_at=now, signed_off_by=person)


@transaction.atomic
def close_round(*, round_: Round, closed_by: Any) -> Round:
    """Close the round: progress is frozen and a dated snapshot of the register is taken.

    The snapshot reads every service, so the worker takes it once this transaction commits.
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise RoundClosed
    progress: list[Progress] = round_progress(round_)
    for row in progress:
        row.participation.percent_done_at_close = row.percent_done
    Participation.objects.bulk_update(
        [row.participation for row in progress], ["percent_done_at_close"]
    )
    round_.status = RoundStatus.CLOSED
    round_.closed_at = timezone.now()
    round_.closed_by = closed_by
    round_.save(update_fields=["status", "closed_at", "closed_by"])
    labels = {language: snapshot_label(round_, language) for language in ("en", "cy")}
    queue_snapshot(
        reason=SnapshotReason.ROUND_CLOSED,
        label_en=labels["en"],
        label_cy=labels["cy"],
        taken_by_id=closed_by.pk if closed_by else None,
    )
    return round_


def _send_reminder(participation: Participation, person: Any) -> None:
    """One reminder, rendered in the person's own language, links included."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(person.preferred_language):
        path = reverse(
            "baseline:participation_tasks",
            kwargs={"pk": participation.round_id, "slug": participation.organisation.slug},
        )
        context = {
            "person": person,
            "round_name": participation.round.name,
            "organisation_name": participation.organisation.name,
            "deadline": participation.round.deadline,
            "url": base_url + path,
        }
        subject = render_to_string("baseline/email/reminder_subject.txt", context)
        body = render_to_string("baseline/email/reminder_message.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email]).send()


@transaction.atomic
def send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind everyone with a role in a body that has not signed off, once per round, when the
    deadline is a week away or less. Returns how many emails were queued.

    Each body is marked as reminded in the same transaction, so running this again (the daily
    job, or by hand) sends nothing twice; the emails leave only once that is committed.
    """
    today = today or timezone.localdate()
    due = (
        Participation.objects.select_for_update(of=("self",))
        .select_related("round", "organisation")
        .filter(
            round__status=RoundStatus.OPEN,
            round__deadline__gte=today,
            round__deadline__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_DEADLINE),
            signed_off_at__isnull=True,
            reminder_sent_at__isnull=True,
        )
    )
    emails: list[tuple[Participation, Any]] = []
    for participation in due:
        memberships = Membership.objects.filter(
            organisation=participation.organisation, person__is_active=True
        ).select_related("person")
        emails.extend(
            (participation, membership.person)
            for membership in memberships
            if membership.person.email
        )
        participation.reminder_sent_at = timezone.now()
        participation.save(update_fields=["reminder_sent_at"])

    def send() -> None:
        for participation, person in emails:
            _send_reminder(participation, person)

    transaction.on_commit(send)
    return len(emails)
