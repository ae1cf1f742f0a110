"""Sending and triaging requests for help, and keeping engagements and their timelines.

Each action checks its own rules (who may, what state the record is in), so a page, a command
or a future API cannot get round them. Every write is recorded in the audit log.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.core import audit
from porth.core.permissions import can_administer, is_centre_staff
from porth.organisations.models import Organisation
from porth.register.models import Service
from porth.standards.models import Review

from .models import (
    TRIAGE_DAYS,
    Engagement,
    EntryKind,
    HelpRequest,
    Phase,
    PhaseChange,
    RequestStatus,
    SquadMember,
    TimelineEntry,
)
from .permissions import is_partner_admin

REQUEST_FIELDS = ["status", "reason", "referred_to"]
ENGAGEMENT_FIELDS = [
    "title_en",
    "title_cy",
    "problem_en",
    "problem_cy",
    "goals_en",
    "goals_cy",
    "outcomes_en",
    "outcomes_cy",
    "theme",
    "phase",
    "starts_on",
    "ends_on",
    "is_public",
]


class NotOrganisationAdmin(Exception):
    """Only a body's admin (or centre staff) asks the centre for help on its behalf."""


class ServiceNotOurs(Exception):
    """A service named in a request belongs to another body, or has been retired."""


class AlreadyDecided(Exception):
    """The request has been accepted, declined or referred: the decision stands."""


class NotCentreStaff(Exception):
    """Only centre staff change engagements and decide requests."""


class NotPartnerAdmin(Exception):
    """Only centre staff and the partner bodies' admins add to an engagement's timeline."""


class OnlyNotes(Exception):
    """Partner bodies' admins add notes; show-and-tells are the centre's."""


def _check_staff(person: Any) -> None:
    if not is_centre_staff(person):
        raise NotCentreStaff


def _clean_services(organisation: Organisation, services: Iterable[Service]) -> list[Service]:
    services = list(services)
    for service in services:
        if service.organisation_id != organisation.pk or service.is_retired:
            raise ServiceNotOurs
    return services


@transaction.atomic
def send_help_request(
    *,
    organisation: Organisation,
    person: Any,
    problem: str,
    services: Iterable[Service],
    urgency: str,
    help_type: str,
    language: str,
    today: datetime.date | None = None,
) -> HelpRequest:
    """Record a body's request, to be answered within `TRIAGE_DAYS` days."""
    if not can_administer(person, organisation):
        raise NotOrganisationAdmin
    chosen = _clean_services(organisation, services)
    today = today or timezone.localdate()
    help_request = HelpRequest.objects.create(
        organisation=organisation,
        requested_by=person,
        problem=problem.strip(),
        language=language if language in ("en", "cy") else "en",
        urgency=urgency,
        help_type=help_type,
        answer_by=today + datetime.timedelta(days=TRIAGE_DAYS),
    )
    help_request.services.set(chosen)
    audit.record(
        by=person,
        action="engagements.send_help_request",
        target=help_request,
        title=_("Request for help sent"),
        after=audit.snapshot(help_request, ["help_type", "urgency", "problem"]),
        organisation=organisation,
    )
    return help_request


def _decide(
    help_request: HelpRequest, by: Any, status: str, **fields: Any
) -> tuple[HelpRequest, dict]:
    _check_staff(by)
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if not help_request.is_waiting:
        raise AlreadyDecided
    before = audit.snapshot(help_request, REQUEST_FIELDS)
    help_request.status = status
    help_request.decided_at = timezone.now()
    help_request.decided_by = by
    for name, value in fields.items():
        setattr(help_request, name, value)
    help_request.save()
    return help_request, before


def _tell_requester(help_request: HelpRequest) -> None:
    """The decision, by email in the requester's own language, once the decision is saved."""
    person = help_request.requested_by
    if person is None or not person.email:
        return

    def send() -> None:
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(person.preferred_language or "en"):
            context = {
                "help_request": help_request,
                "organisation_name": help_request.organisation.name,
                "url": base_url + reverse("engagements:request_detail", args=[help_request.pk]),
            }
            subject = render_to_string("engagements/email/decision_subject.txt", context)
            body = render_to_string("engagements/email/decision_message.txt", context)
        EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email]).send()

    transaction.on_commit(send)


def _record_decision(
    help_request: HelpRequest, by: Any, before: dict, action: str, title: Any
) -> None:
    """Audit a triage decision and tell the requester, in their language, what it was."""
    audit.record(
        by=by,
        action=action,
        target=help_request,
        title=title,
        before=before,
        after=audit.snapshot(help_request, REQUEST_FIELDS),
        organisation=help_request.organisation,
    )
    _tell_requester(help_request)


@transaction.atomic
def accept_request(
    *, help_request: HelpRequest, by: Any, title_en: str, title_cy: str, theme: str
) -> Engagement:
    """Accept a request: it becomes a private engagement with the body as partner, in
    discovery, for centre staff to fill in before they make it public."""
    help_request, before = _decide(help_request, by, RequestStatus.ACCEPTED)
    today = timezone.localdate()
    engagement = Engagement.objects.create(
        title_en=title_en.strip(),
        title_cy=title_cy.strip(),
        problem_en=help_request.problem,
        problem_cy=help_request.problem,
        goals_en="",
        goals_cy="",
        theme=theme,
        phase=Phase.DISCOVERY,
        starts_on=today,
    )
    engagement.partners.add(help_request.organisation)
    engagement.services.set(help_request.services.all())
    PhaseChange.objects.create(engagement=engagement, phase=Phase.DISCOVERY, started_on=today)
    help_request.engagement = engagement
    help_request.save(update_fields=["engagement"])
    _record_decision(
        help_request, by, before, "engagements.accept_request", _("Request for help accepted")
    )
    return engagement


@transaction.atomic
def decline_request(*, help_request: HelpRequest, by: Any, reason: str) -> HelpRequest:
    """Decline a request, saying why."""
    help_request, before = _decide(help_request, by, RequestStatus.DECLINED, reason=reason.strip())
    _record_decision(
        help_request, by, before, "engagements.decline_request", _("Request for help declined")
    )
    return help_request


@transaction.atomic
def refer_request(
    *, help_request: HelpRequest, by: Any, referred_to: str, reason: str
) -> HelpRequest:
    """Send the body elsewhere for help, saying where and why."""
    help_request, before = _decide(
        help_request,
        by,
        RequestStatus.REFERRED,
        referred_to=referred_to.strip(),
        reason=reason.strip(),
    )
    _record_decision(
        help_request,
        by,
        before,
        "engagements.refer_request",
        _("Request for help referred elsewhere"),
    )
    return help_request


@transaction.atomic
def create_engagement(
    *,
    by: Any,
    title_en: str,
    title_cy: str,
    problem_en: str,
    problem_cy: str,
    goals_en: str,
    goals_cy: str,
    theme: str,
    phase: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    outcomes_en: str = "",
    outcomes_cy: str = "",
    is_public: bool = False,
    partners: Iterable[Organisation] = (),
    services: Iterable[Service] = (),
    reviews: Iterable[Review] = (),
    source_en: str = "",
    source_cy: str = "",
) -> Engagement:
    """Start an engagement; its first phase starts on its start date."""
    if by is not None:
        _check_staff(by)
    engagement = Engagement.objects.create(
        title_en=title_en.strip(),
        title_cy=title_cy.strip(),
        problem_en=problem_en.strip(),
        problem_cy=problem_cy.strip(),
        goals_en=goals_en.strip(),
        goals_cy=goals_cy.strip(),
        outcomes_en=outcomes_en.strip(),
        outcomes_cy=outcomes_cy.strip(),
        theme=theme,
        phase=phase,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public=is_public,
        source_en=source_en,
        source_cy=source_cy,
    )
    engagement.partners.set(list(partners))
    engagement.services.set(list(services))
    engagement.reviews.set(list(reviews))
    PhaseChange.objects.create(engagement=engagement, phase=phase, started_on=starts_on)
    audit.record(
        by=by,
        action="engagements.create_engagement",
        target=engagement,
        title=_("Engagement started"),
        after=audit.snapshot(engagement, ENGAGEMENT_FIELDS),
    )
    return engagement


@transaction.atomic
def update_engagement(
    *,
    engagement: Engagement,
    by: Any,
    partners: Iterable[Organisation] | None = None,
    services: Iterable[Service] | None = None,
    reviews: Iterable[Review] | None = None,
    **fields: Any,
) -> Engagement:
    """Change an engagement's description and its links (partners, services, standards
    reviews; None leaves a link as it is). A new phase is kept in its history from today."""
    _check_staff(by)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    before = audit.snapshot(engagement, ENGAGEMENT_FIELDS)
    old_phase = engagement.phase
    for name, value in fields.items():
        if name not in ENGAGEMENT_FIELDS:
            raise TypeError(name)
        setattr(engagement, name, value.strip() if isinstance(value, str) else value)
    engagement.save()
    if partners is not None:
        engagement.partners.set(list(partners))
    if services is not None:
        engagement.services.set(list(services))
    if reviews is not None:
        engagement.reviews.set(list(reviews))
    if engagement.phase != old_phase:
        PhaseChange.objects.create(
            engagement=engagement, phase=engagement.phase, started_on=timezone.localdate()
        )
    audit.record(
        by=by,
        action="engagements.update_engagement",
        target=engagement,
        title=_("Engagement changed"),
        before=before,
        after=audit.snapshot(engagement, ENGAGEMENT_FIELDS),
    )
    return engagement


@transaction.atomic
def change_phase(
    *, engagement: Engagement, by: Any, phase: str, started_on: datetime.date
) -> PhaseChange:
    """Move an engagement into a phase from a given date, keeping the earlier phases."""
    if by is not None:
        _check_staff(by)
    before = audit.snapshot(engagement, ["phase"])
    change = PhaseChange.objects.create(engagement=engagement, phase=phase, started_on=started_on)
    latest = engagement.phases.order_by("-started_on", "-id").first()
    engagement.phase = latest.phase
    engagement.save(update_fields=["phase"])
    audit.record(
        by=by,
        action="engagements.change_phase",
        target=engagement,
        title=_("Engagement phase changed"),
        before=before,
        after=audit.snapshot(engagement, ["phase"]),
    )
    return change


@transaction.atomic
def add_squad_member(
    *,
    engagement: Engagement,
    by: Any,
    name: str,
    role_en: str,
    role_cy: str,
    organisation: Organisation | None = None,
) -> SquadMember:
    """Add a person to the squad: from the centre, or from a body."""
    if by is not None:
        _check_staff(by)
    member = SquadMember.objects.create(
        engagement=engagement,
        name=name.strip(),
        role_en=role_en.strip(),
        role_cy=role_cy.strip(),
        organisation=organisation,
    )
    audit.record(
        by=by,
        action="engagements.add_squad_member",
        target=member,
        title=_("Squad member added"),
        after=audit.snapshot(member, ["name", "role_en", "role_cy", "organisation"]),
    )
    return member


@transaction.atomic
def add_timeline_entry(
    *,
    engagement: Engagement,
    by: Any,
    kind: str,
    happened_on: datetime.date,
    title_en: str,
    title_cy: str,
    text_en: str,
    text_cy: str,
    is_public: bool,
    attachment: UploadedFile | None = None,
) -> TimelineEntry:
    """Add a show-and-tell or a note. Partner bodies' admins may add notes only."""
    if by is not None:
        if not is_partner_admin(by, engagement):
            raise NotPartnerAdmin
        if kind != EntryKind.NOTE and not is_centre_staff(by):
            raise OnlyNotes
    entry = TimelineEntry(
        engagement=engagement,
        kind=kind,
        happened_on=happened_on,
        title_en=title_en.strip(),
        title_cy=title_cy.strip(),
        text_en=text_en.strip(),
        text_cy=text_cy.strip(),
        is_public=is_public,
        added_by=by,
    )
    if attachment is not None:
        entry.attachment.save(attachment.name, attachment, save=False)
    entry.save()
    audit.record(
        by=by,
        action="engagements.add_timeline_entry",
        target=entry,
        title=_("Added to an engagement's timeline"),
        after=audit.snapshot(entry, ["kind", "happened_on", "title_en", "is_public"]),
    )
    return entry
