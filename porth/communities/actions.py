"""Writes: making communities, joining and leaving, approving requests, leads, threads, replies,
pins, resources, and the emails about requests to join.

Posts go through moderation's `submit_contribution` (sanitising rules, pre-moderation, the
first-post hold, pre-election periods), so a thread's opening post and its replies are
moderated exactly like blog comments (ADR 0033). Each write is in the audit log.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from porth.core import audit, stored_files
from porth.moderation import actions as moderation
from porth.moderation.models import Contribution
from porth.moderation.models import Status as PostStatus

from . import queries, uploads
from .models import Access, Community, Listing, Membership, Resource, Role, Status, Thread

LANGUAGES = ("en", "cy")
MAX_TITLE = 150
# Uploaded resources' names among core's stored files (ADR 0059).
RESOURCE_FILES = "community-resource-"


class AlreadyMember(Exception):
    """The person is already a member of this community, or has already asked to join."""


class NotMember(Exception):
    """Only members post in a community."""


class NotWaiting(Exception):
    """The request to join has already been dealt with."""


class SlugTaken(Exception):
    """Another community already has this short name."""


class TitleTooLong(Exception):
    """A thread's title is longer than MAX_TITLE characters."""


@transaction.atomic
def create_community(
    *,
    slug: str,
    name_en: str,
    name_cy: str,
    description_en: str,
    description_cy: str,
    access: str,
    welsh_first: bool,
    by: Any,
) -> Community:
    """A community with its own moderation space (pre-moderation until its leads change it)."""
    if Community.objects.filter(slug=slug).exists():
        raise SlugTaken
    space = moderation.ensure_space(key=queries.space_key(slug), name_en=name_en, name_cy=name_cy)
    community = Community.objects.create(
        slug=slug,
        name_en=name_en,
        name_cy=name_cy,
        description_en=description_en,
        description_cy=description_cy,
        access=access,
        welsh_first=welsh_first,
        space=space,
    )
    audit.record(
        by=by,
        action="communities.create_community",
        target=community,
        title=_("Community created"),
        after=audit.snapshot(
            community, ["name_en", "name_cy", "description_en", "description_cy", "access"]
        ),
    )
    return community


@transaction.atomic
def join_community(*, community: Community, person: Any, listed: bool) -> Membership:
    """Join an open community at once; ask to join one that needs a request (a lead decides)."""
    status = Status.ASKED if community.access == Access.REQUEST else Status.ACTIVE
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                community=community,
                person=person,
                status=status,
                listed=listed,
                joined_at=timezone.now() if status == Status.ACTIVE else None,
            )
    except IntegrityError as error:
        raise AlreadyMember from error
    audit.record(
        by=person,
        action="communities.join_community",
        target=membership,
        title=_("Joined a community") if membership.is_active else _("Asked to join a community"),
    )
    return membership


@transaction.atomic
def leave_community(*, community: Community, person: Any) -> None:
    """Leave (or withdraw a request); a lead who leaves stops moderating the community."""
    membership = Membership.objects.filter(community=community, person=person).first()
    if membership is None:
        return
    was_lead = membership.is_lead
    audit.record(
        by=person,
        action="communities.leave_community",
        target=membership,
        title=_("Left a community"),
    )
    membership.delete()
    if was_lead:
        _sync_moderators(community, by=person)


@transaction.atomic
def decide_membership(*, membership: Membership, by: Any, approve: bool) -> Membership:
    """A lead lets a person in, or turns the request down (the request is then removed, so
    they may ask again later)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Status.ASKED:
        raise NotWaiting
    audit.record(
        by=by,
        action="communities.decide_membership",
        target=membership,
        title=_("Request to join approved") if approve else _("Request to join turned down"),
    )
    if approve:
        membership.status = Status.ACTIVE
        membership.joined_at = timezone.now()
        membership.save(update_fields=["status", "joined_at"])
    else:
        membership.delete()
    return membership


def _sync_moderators(community: Community, *, by: Any) -> None:
    moderation.set_moderators(space=community.space, people=queries.leads_of(community), by=by)


@transaction.atomic
def appoint_lead(*, membership: Membership, by: Any) -> Membership:
    """Make an active member a lead: they approve requests, pin threads and resources, and
    moderate this community's posts (and no other's: its own moderation space)."""
    if not membership.is_active:
        raise NotMember
    membership.role = Role.LEAD
    membership.save(update_fields=["role"])
    _sync_moderators(membership.community, by=by)
    return membership


@transaction.atomic
def choose_listing(*, membership: Membership, listed: bool) -> Membership:
    """Show or hide the person's name in the community's member list."""
    before = audit.snapshot(membership, ["listed"])
    membership.listed = listed
    membership.save(update_fields=["listed"])
    audit.record(
        by=membership.person,
        action="communities.choose_listing",
        target=membership,
        title=_("Chose whether to be listed as a member"),
        before=before,
        after=audit.snapshot(membership, ["listed"]),
    )
    return membership


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) > MAX_TITLE:
        raise TitleTooLong
    return title


@transaction.atomic
def start_thread(
    *, community: Community, author: Any, title: str, text: str, language: str
) -> Thread:
    """A new thread: its opening post goes to moderation like any comment; the thread is shown
    once that post is published."""
    if not queries.is_member(author, community):
        raise NotMember
    title = _clean_title(title)
    thread = Thread.objects.create(
        community=community, title=title, author=author, language=language
    )
    thread.opening = moderation.submit_contribution(
        space=community.space,
        subject=thread,
        subject_title=title,
        subject_url=thread.get_absolute_url(),
        author=author,
        text=text,
        language=language,
    )
    thread.last_post_at = thread.opening.created_at
    thread.save(update_fields=["opening", "last_post_at"])
    return thread


@transaction.atomic
def reply(*, thread: Thread, author: Any, text: str, language: str) -> Contribution:
    """A reply to a shown thread, moderated like any comment."""
    if not queries.is_member(author, thread.community) or not queries.is_thread_visible(thread):
        raise NotMember
    return moderation.submit_contribution(
        space=thread.community.space,
        subject=thread,
        subject_title=thread.title,
        subject_url=thread.get_absolute_url(),
        author=author,
        text=text,
        language=language,
    )


def note_post_published(*, contribution: Contribution) -> Thread | None:
    """A post became visible: the thread moves to the top of the list. Called from the
    receiver of moderation's `contribution_published`, inside its transaction."""
    thread = queries.thread_of_contribution(contribution)
    if thread is None or contribution.status != PostStatus.PUBLISHED:
        return None
    Thread.objects.filter(pk=thread.pk).update(last_post_at=contribution.created_at)
    return thread


@transaction.atomic
def pin_thread(*, thread: Thread, by: Any, pinned: bool) -> Thread:
    before = audit.snapshot(thread, ["is_pinned"])
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned"])
    audit.record(
        by=by,
        action="communities.pin_thread",
        target=thread,
        title=_("Thread pinned") if pinned else _("Thread unpinned"),
        before=before,
        after=audit.snapshot(thread, ["is_pinned"]),
    )
    return thread


class LinkOrFile(Exception):
    """A resource is a web address or an uploaded file: exactly one of them."""


@transaction.atomic
def add_resource(
    *,
    community: Community,
    by: Any,
    title_en: str,
    title_cy: str,
    url: str = "",
    upload: Any = None,
    members_only: bool = False,
) -> Resource:
    """Pin a link, or a file the lead uploaded (checked by `uploads.check_upload`, which raises
    `UploadRefused`), kept in the shared storage as a core `StoredFile`. In a community on
    request every resource is for members only."""
    if bool(url) == bool(upload):
        raise LinkOrFile
    stored = None
    if upload is not None:
        kind = uploads.check_upload(upload)
        stored = stored_files.store(
            name=f"{RESOURCE_FILES}{community.pk}-{secrets.token_hex(8)}",
            chunks=upload.chunks(),
            filename=get_valid_filename(upload.name)[-200:],
            content_type=kind.content_type,
        )
    resource = Resource.objects.create(
        community=community,
        title_en=title_en,
        title_cy=title_cy,
        url=url,
        file=stored,
        members_only=members_only or community.needs_request,
        added_by=by,
    )
    after = audit.snapshot(resource, ["title_en", "title_cy", "url", "members_only"])
    if stored is not None:
        after["file"] = audit.Shown(_("file"), stored.filename)
    audit.record(
        by=by,
        action="communities.add_resource",
        target=resource,
        title=_("Resource pinned"),
        after=after,
    )
    return resource


class NoName(Exception):
    """A directory listing needs the person's full name (set on their account page)."""


@transaction.atomic
def save_listing(
    *, person: Any, profession: str, skills_offered: str, welsh_ability: str
) -> Listing:
    """Turn on, or change, the person's entry in the people directory."""
    if not (person.full_name or "").strip():
        raise NoName
    listing = Listing.objects.filter(person=person).first()
    fields = ["profession", "skills_offered", "welsh_ability"]
    before = audit.snapshot(listing, fields) if listing else {}
    if listing is None:
        listing = Listing(person=person)
    listing.profession = profession
    listing.skills_offered = skills_offered
    listing.welsh_ability = welsh_ability
    listing.save()
    audit.record(
        by=person,
        action="communities.save_listing",
        target=listing,
        title=_("Listed in the people directory") if not before else _("Directory entry changed"),
        before=before,
        after=audit.snapshot(listing, fields),
    )
    return listing


@transaction.atomic
def remove_listing(*, person: Any) -> None:
    """Take the person out of the people directory at once (one click)."""
    listing = Listing.objects.filter(person=person).first()
    if listing is None:
        return
    audit.record(
        by=person,
        action="communities.remove_listing",
        target=listing,
        title=_("Removed from the people directory"),
    )
    listing.delete()


def _base() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _email(person: Any, template: str, context: dict[str, Any]) -> None:
    language = person.preferred_language if person.preferred_language in LANGUAGES else "cy"
    with translation.override(language):
        community = context["community"]
        context = {**context, "name": community.name, "url": _base() + context["path"]()}
        subject = render_to_string(f"communities/email/{template}_subject.txt", context)
        body = render_to_string(f"communities/email/{template}_body.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email]).send()


def tell_leads_of_request(*, membership_id: int) -> int:
    """Email each lead, in their own language, that someone asked to join; returns how many."""
    membership = queries.membership_by_id(membership_id)
    if membership is None or membership.status != Status.ASKED:
        return 0
    community = membership.community
    leads = queries.leads_of(community)
    for lead in leads:
        _email(
            lead,
            "request",
            {
                "community": community,
                "person": membership.person,
                "path": lambda: _requests_path(community),
            },
        )
    return len(leads)


def tell_person_of_approval(*, membership_id: int) -> bool:
    """Email the person, in their own language, that a lead let them in."""
    membership = queries.membership_by_id(membership_id)
    if membership is None or not membership.is_active:
        return False
    community = membership.community
    _email(
        membership.person,
        "approved",
        {"community": community, "path": community.get_absolute_url},
    )
    return True


def _requests_path(community: Community) -> str:
    return reverse("communities:membership_requests", kwargs={"slug": community.slug})
