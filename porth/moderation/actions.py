"""Writes: taking in a contribution, moderating it, reporting it, closing spaces for elections.

Each decision is written to the moderation log (who, what, why) and the audit log, in the
same transaction as the change.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from porth.core import audit

from .models import Contribution, LogAction, LogEntry, Mode, QuietPeriod, Report, Space, Status
from .queries import has_published_before, quiet_period
from .sanitise import as_html, count_links, normalise
from .signals import contribution_published

MAX_LENGTH = 2000


class CommentsClosed(Exception):
    """The space takes no comments now (switched off, or a pre-election period)."""


class TooLong(Exception):
    """The text is longer than MAX_LENGTH characters."""


class TooManyLinks(Exception):
    """The text has more links than the setting allows."""


class AlreadyDecided(Exception):
    """Someone else dealt with this item first."""


class AlreadyReported(Exception):
    """This person has reported this contribution already."""


def max_links() -> int:
    return getattr(settings, "PORTH_COMMENT_MAX_LINKS", 2)


def clean_text(text: str) -> str:
    """The text as it will be stored; raises TooLong or TooManyLinks when a rule says no."""
    text = normalise(text)
    if len(text) > MAX_LENGTH:
        raise TooLong
    if count_links(text) > max_links():
        raise TooManyLinks
    return text


def ensure_space(*, key: str, name_en: str, name_cy: str) -> Space:
    """The space with this key, made with the default setting (pre-moderation) if new."""
    space, _created = Space.objects.get_or_create(
        key=key, defaults={"name_en": name_en, "name_cy": name_cy}
    )
    return space


@transaction.atomic
def submit_contribution(
    *,
    space: Space,
    subject: Model,
    subject_title: str,
    subject_url: str,
    author: Any,
    text: str,
    language: str,
) -> Contribution:
    """Take in a contribution: held for a moderator under pre-moderation, and under
    post-moderation held too if it is the person's first (the first-comment hold)."""
    if space.mode == Mode.OFF or quiet_period(space) is not None:
        raise CommentsClosed
    text = clean_text(text)
    held = space.mode == Mode.PRE or not has_published_before(author)
    now = timezone.now()
    contribution = Contribution.objects.create(
        space=space,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        subject_key=str(subject.pk),
        subject_title=subject_title[:300],
        subject_url=subject_url[:500],
        author=author,
        body=text,
        body_html=as_html(text),
        language=language,
        status=Status.HELD if held else Status.PUBLISHED,
        waiting_since=now if held else None,
    )
    audit.record(
        by=author,
        action="moderation.submit_contribution",
        target=contribution,
        title=_("Comment written"),
    )
    if not held:
        contribution_published.send(sender=Contribution, contribution=contribution)
    return contribution


@transaction.atomic
def decide(*, contribution: Contribution, by: Any, approve: bool, reason: str) -> Contribution:
    """Approve (show) or reject (never show) a waiting contribution, with the reason."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_waiting:
        raise AlreadyDecided
    was_hidden = contribution.status == Status.HIDDEN  # shown before: followers were told then
    contribution.status = Status.PUBLISHED if approve else Status.REJECTED
    contribution.decided_at = timezone.now()
    contribution.waiting_since = None
    if approve:
        contribution.report_count = 0
        contribution.reports.all().delete()
    contribution.save()
    LogEntry.objects.create(
        contribution=contribution,
        by=by,
        action=LogAction.APPROVED if approve else LogAction.REJECTED,
        reason=reason,
    )
    audit.record(
        by=by,
        action="moderation.decide",
        target=contribution,
        title=_("Comment approved") if approve else _("Comment rejected"),
        after={"reason": audit.Shown(_("reason"), reason)},
    )
    if approve and not was_hidden:
        contribution_published.send(sender=Contribution, contribution=contribution)
    return contribution


@transaction.atomic
def report_contribution(*, contribution: Contribution, by: Any, reason: str) -> Contribution:
    """Record a report; at the space's threshold the contribution is hidden until a moderator
    looks at it."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    try:
        with transaction.atomic():
            Report.objects.create(contribution=contribution, reporter=by, reason=reason)
    except IntegrityError as error:
        raise AlreadyReported from error
    Contribution.objects.filter(pk=contribution.pk).update(report_count=F("report_count") + 1)
    contribution.refresh_from_db()
    LogEntry.objects.create(
        contribution=contribution, by=by, action=LogAction.REPORTED, reason=reason
    )
    if (
        contribution.status == Status.PUBLISHED
        and contribution.report_count >= contribution.space.report_threshold
    ):
        contribution.status = Status.HIDDEN
        contribution.waiting_since = timezone.now()
        contribution.save(update_fields=["status", "waiting_since"])
        LogEntry.objects.create(contribution=contribution, by=None, action=LogAction.HIDDEN)
    audit.record(
        by=by,
        action="moderation.report_contribution",
        target=contribution,
        title=_("Comment reported"),
        after={"reason": audit.Shown(_("reason"), reason)},
    )
    return contribution


@transaction.atomic
def set_moderators(*, space: Space, people: list[Any], by: Any) -> Space:
    """Make `people` the space's own moderators (a community's leads moderate its space only)."""
    before = sorted(audit.name_of(person) for person in space.moderators.all())
    space.moderators.set(people)
    audit.record(
        by=by,
        action="moderation.set_moderators",
        target=space,
        title=_("Moderators changed"),
        before={"moderators": audit.Shown(_("moderators"), ", ".join(before))},
        after={
            "moderators": audit.Shown(
                _("moderators"), ", ".join(sorted(audit.name_of(p) for p in people))
            )
        },
    )
    return space


@transaction.atomic
def change_space(*, space: Space, by: Any, mode: str, report_threshold: int) -> Space:
    before = audit.snapshot(space, ["mode", "report_threshold"])
    space.mode = mode
    space.report_threshold = report_threshold
    space.save(update_fields=["mode", "report_threshold"])
    audit.record(
        by=by,
        action="moderation.change_space",
        target=space,
        title=_("Moderation changed"),
        before=before,
        after=audit.snapshot(space, ["mode", "report_threshold"]),
    )
    return space


@transaction.atomic
def start_quiet_period(
    *,
    spaces: list[Space],
    starts_on: datetime.date,
    ends_on: datetime.date,
    notice_en: str,
    notice_cy: str,
    by: Any,
) -> QuietPeriod:
    """Close comments and blog publishing in `spaces` from `starts_on` to `ends_on`."""
    period = QuietPeriod.objects.create(
        starts_on=starts_on,
        ends_on=ends_on,
        notice_en=notice_en,
        notice_cy=notice_cy,
        created_by=by,
    )
    period.spaces.set(spaces)
    audit.record(
        by=by,
        action="moderation.start_quiet_period",
        target=period,
        title=_("Pre-election period set"),
        after=audit.snapshot(period, ["starts_on", "ends_on", "notice_en", "notice_cy"]),
    )
    return period


def tell_author_of_outcome(*, contribution_id: int) -> None:
    """Email the author the moderator's decision, in the author's own language."""
    contribution = Contribution.objects.select_related("author").get(pk=contribution_id)
    if contribution.status not in (Status.PUBLISHED, Status.REJECTED):
        return
    entry = contribution.log.filter(action__in=[LogAction.APPROVED, LogAction.REJECTED]).first()
    author = contribution.author
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(author.preferred_language or "cy"):
        context = {
            "person": author,
            "approved": contribution.status == Status.PUBLISHED,
            "subject_title": contribution.subject_title,
            "body": contribution.body,
            "reason": entry.reason if entry else "",
            "url": base_url + contribution.subject_url,
        }
        subject = render_to_string("moderation/email/outcome_subject.txt", context)
        body = render_to_string("moderation/email/outcome_message.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[author.email]).send()
