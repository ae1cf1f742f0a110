"""Changing panels, meetings, actions and mentoring pairs, and the check-in reminder.

Only centre staff change panels; a check-in is written by one of the pair or centre staff.
Every write is recorded in the audit log.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.core import audit
from porth.core.permissions import is_centre_staff

from .models import (
    CHECK_IN_REMINDER_DAYS,
    CheckIn,
    Meeting,
    MeetingAction,
    Member,
    MentoringPair,
    Panel,
)
from .permissions import is_in_pair


class NotCentreStaff(Exception):
    """Only centre staff change panels, meetings and pairs."""


class NotInPair(Exception):
    """Only the two people in a pair (and centre staff) write its check-ins."""


class MinutesIncomplete(Exception):
    """Minutes are published in both languages at once, or not at all."""


class SamePerson(Exception):
    """A mentor cannot mentor themselves."""


def _check_staff(by: Any) -> None:
    if by is not None and not is_centre_staff(by):
        raise NotCentreStaff


@transaction.atomic
def add_panel(
    *, by: Any, slug: str, name_en: str, name_cy: str, purpose_en: str, purpose_cy: str
) -> Panel:
    _check_staff(by)
    panel = Panel.objects.create(
        slug=slug, name_en=name_en, name_cy=name_cy, purpose_en=purpose_en, purpose_cy=purpose_cy
    )
    audit.record(by=by, action="panels.add_panel", target=panel, title=_("Panel added"))
    return panel


@transaction.atomic
def add_member(
    *,
    by: Any,
    panel: Panel,
    name: str,
    profile_en: str,
    profile_cy: str,
    profile_is_public: bool,
    term_from: datetime.date,
    term_to: datetime.date | None = None,
    person: Any = None,
) -> Member:
    """Add someone to a panel for a term, with the profile they chose to show or not."""
    _check_staff(by)
    member = Member.objects.create(
        panel=panel,
        person=person,
        name=name.strip(),
        profile_en=profile_en.strip(),
        profile_cy=profile_cy.strip(),
        profile_is_public=profile_is_public,
        term_from=term_from,
        term_to=term_to,
    )
    audit.record(
        by=by,
        action="panels.add_member",
        target=member,
        title=_("Panel member added"),
        after=audit.snapshot(member, ["name", "term_from", "term_to", "profile_is_public"]),
    )
    return member


@transaction.atomic
def record_meeting(
    *, by: Any, panel: Panel, held_on: datetime.date, agenda_en: str, agenda_cy: str
) -> Meeting:
    _check_staff(by)
    meeting = Meeting.objects.create(
        panel=panel, held_on=held_on, agenda_en=agenda_en.strip(), agenda_cy=agenda_cy.strip()
    )
    audit.record(
        by=by,
        action="panels.record_meeting",
        target=meeting,
        title=_("Panel meeting recorded"),
        after=audit.snapshot(meeting, ["held_on", "agenda_en"]),
    )
    return meeting


@transaction.atomic
def save_minutes(
    *, by: Any, meeting: Meeting, minutes_en: str, minutes_cy: str, publish: bool
) -> Meeting:
    """Keep the minutes; publishing needs both languages, so neither goes out first."""
    _check_staff(by)
    minutes_en, minutes_cy = minutes_en.strip(), minutes_cy.strip()
    if publish and not (minutes_en and minutes_cy):
        raise MinutesIncomplete
    before = audit.snapshot(meeting, ["minutes_en", "minutes_cy", "minutes_published_at"])
    meeting.minutes_en = minutes_en
    meeting.minutes_cy = minutes_cy
    if publish and meeting.minutes_published_at is None:
        meeting.minutes_published_at = timezone.now()
    if not publish:
        meeting.minutes_published_at = None
    meeting.save()
    audit.record(
        by=by,
        action="panels.save_minutes",
        target=meeting,
        title=_("Meeting minutes saved"),
        before=before,
        after=audit.snapshot(meeting, ["minutes_en", "minutes_cy", "minutes_published_at"]),
    )
    return meeting


@transaction.atomic
def add_action(
    *,
    by: Any,
    meeting: Meeting,
    description_en: str,
    description_cy: str,
    owner: str,
    due_on: datetime.date,
) -> MeetingAction:
    _check_staff(by)
    action = MeetingAction.objects.create(
        meeting=meeting,
        description_en=description_en.strip(),
        description_cy=description_cy.strip(),
        owner=owner.strip(),
        due_on=due_on,
    )
    audit.record(
        by=by,
        action="panels.add_action",
        target=action,
        title=_("Meeting action added"),
        after=audit.snapshot(action, ["description_en", "owner", "due_on"]),
    )
    return action


@transaction.atomic
def mark_action_done(*, by: Any, action: MeetingAction) -> MeetingAction:
    """Mark an action done today; marking it again changes nothing."""
    _check_staff(by)
    if action.done_on is None:
        action.done_on = timezone.localdate()
        action.save(update_fields=["done_on"])
    audit.record(
        by=by,
        action="panels.mark_action_done",
        target=action,
        title=_("Meeting action done"),
        after=audit.snapshot(action, ["done_on"]),
    )
    return action


@transaction.atomic
def pair_up(
    *,
    by: Any,
    mentor: Member,
    apprentice: Member,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> MentoringPair:
    _check_staff(by)
    if mentor.pk == apprentice.pk:
        raise SamePerson
    pair = MentoringPair.objects.create(
        mentor=mentor, apprentice=apprentice, starts_on=starts_on, ends_on=ends_on
    )
    audit.record(
        by=by,
        action="panels.pair_up",
        target=pair,
        title=_("Mentoring pair started"),
        after=audit.snapshot(pair, ["starts_on", "ends_on"]),
    )
    return pair


@transaction.atomic
def record_check_in(*, by: Any, pair: MentoringPair, held_on: datetime.date, note: str) -> CheckIn:
    """A private note of a mentoring conversation, by one of the pair or centre staff."""
    if by is not None and not is_in_pair(by, pair):
        raise NotInPair
    check_in = CheckIn.objects.create(pair=pair, held_on=held_on, note=note.strip(), written_by=by)
    # The note itself stays out of the log: it is private to the pair and the centre.
    audit.record(
        by=by,
        action="panels.record_check_in",
        target=check_in,
        title=_("Mentoring check-in recorded"),
        after=audit.snapshot(check_in, ["held_on"]),
    )
    return check_in


def _send_reminder(pair: MentoringPair, person: Any) -> None:
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(person.preferred_language or "en"):
        context = {
            "pair": pair,
            "weeks": CHECK_IN_REMINDER_DAYS // 7,
            "url": base_url + reverse("panels:pair_detail", args=[pair.pk]),
        }
        subject = render_to_string("panels/email/reminder_subject.txt", context)
        body = render_to_string("panels/email/reminder_message.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email]).send()


@transaction.atomic
def send_check_in_reminders(*, today: datetime.date | None = None) -> int:
    """Remind both people in each current pair that has not checked in for 6 weeks (counted
    from its start if it never has). A pair is reminded once per quiet spell: not again until
    it has checked in since, or another 6 weeks have passed. Returns how many emails were
    queued; running it twice on a day sends nothing new."""
    today = today or timezone.localdate()
    quiet_since = today - datetime.timedelta(days=CHECK_IN_REMINDER_DAYS)
    now = timezone.now()
    pairs = (
        MentoringPair.objects.select_for_update(of=("self",))
        .select_related("mentor__person", "apprentice__person")
        .filter(starts_on__lte=quiet_since)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .annotate(
            last_check_in=Subquery(
                CheckIn.objects.filter(pair=OuterRef("pk"))
                .order_by("-held_on")
                .values("held_on")[:1]
            )
        )
        .filter(Q(last_check_in__isnull=True) | Q(last_check_in__lte=quiet_since))
        .filter(
            Q(reminded_at__isnull=True)
            | Q(reminded_at__lt=now - datetime.timedelta(days=CHECK_IN_REMINDER_DAYS))
        )
    )
    emails = []
    for pair in pairs:
        for member in (pair.mentor, pair.apprentice):
            if member.person is not None and member.person.email:
                emails.append((pair, member.person))
        pair.reminded_at = now
        pair.save(update_fields=["reminded_at"])

    def send() -> None:
        for pair, person in emails:
            _send_reminder(pair, person)

    transaction.on_commit(send)
    return len(emails)
