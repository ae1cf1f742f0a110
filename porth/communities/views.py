"""Communities' pages. Thin: one permission decorator each (permissions.py), then a form, an
action or a query. Views never write; GETs never write at all."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.translation import gettext as _

from porth.core import stored_files
from porth.core.feeds import FeedEntry, atom_response
from porth.core.language import current_language
from porth.core.permissions import centre_staff_only, public, signed_in
from porth.core.ratelimit import limit, limit_request, refusal_message
from porth.core.sections import COMMUNITY_PAGE, THREAD_PAGE, render_slot
from porth.moderation import actions as moderation
from porth.moderation import queries as moderation_queries

from . import actions, queries
from .forms import (
    CommunityForm,
    DirectoryEntryForm,
    DirectorySearchForm,
    JoinForm,
    ListingForm,
    MembershipDecisionForm,
    ReplyForm,
    ResourceForm,
    SearchForm,
    ThreadForm,
    pin_choice,
)
from .models import Community, Membership, Resource, Thread
from .permissions import (
    community_joiner,
    community_lead,
    community_member,
    community_page,
    community_reader,
    member_list_reader,
    membership_lead,
    resource_reader,
    thread_lead,
    thread_reader,
    thread_replier,
)
from .queue import queue_approval_email, queue_request_email
from .uploads import UploadRefused

POST_RATE_PERSON = "5/10m"
POST_RATE_ADDRESS = "20/h"


def _held() -> str:
    return _("Thank you. Your post will be shown once a moderator has approved it.")


@public
def community_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "communities/community_list.html",
        {"communities": queries.communities_for(request.user)},
    )


@centre_staff_only
def community_create(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = actions.create_community(**form.cleaned_data, by=request.user)
        except actions.SlugTaken:
            form.add_error("slug", _("Another community already has this short name"))
        else:
            messages.success(request, _("Community created."))
            return redirect(community.get_absolute_url())
    return render(request, "communities/community_create.html", {"form": form})


def _community_context(
    request: HttpRequest, community: Community, standing: queries.Standing | None = None
) -> dict:
    standing = standing or queries.standing_in(request.user, community)
    return {
        "community": community,
        "membership": standing.membership,
        "can_read": standing.can_read,
        "is_lead": standing.is_lead,
    }


def _activity_page(request: HttpRequest, community: Community, standing: queries.Standing):
    page = Paginator(
        queries.activity(community, members_too=standing.is_member), queries.ACTIVITY_PER_PAGE
    ).get_page(request.GET.get("activity"))
    page.items = queries.activity_items(page.object_list)
    return page


@community_page
def community_detail(request: HttpRequest, community: Community) -> HttpResponse:
    standing = queries.standing_in(request.user, community)
    context = _community_context(request, community, standing)
    if context["can_read"]:
        context.update(
            {
                "threads": Paginator(
                    queries.visible_threads(community), queries.THREADS_PER_PAGE
                ).get_page(request.GET.get("page")),
                "held_threads": queries.threads_held_for(community, request.user),
                "resources": queries.resources_of(community, members_too=standing.is_member),
                "activity": _activity_page(request, community, standing),
                "search_form": SearchForm(),
                "sections": render_slot(
                    request, COMMUNITY_PAGE, subject=community, subject_name="community"
                ),
                "quiet_period": moderation_queries.quiet_period(community.space),
            }
        )
    if context["is_lead"]:
        context["waiting_count"] = queries.waiting_requests(community).count()
    return render(request, "communities/community_detail.html", context)


def _feed_entry(item: queries.Activity) -> FeedEntry:
    if item.kind == "resource":
        return FeedEntry(
            title=_("New resource: %(title)s") % {"title": item.resource.title},
            # A link resource is listed on the community's page (the anchor keeps ids unique).
            path=item.resource.get_absolute_url()
            if item.resource.is_file
            else f"{item.resource.community.get_absolute_url()}#resource-{item.resource.pk}",
            summary="",
            published=item.at,
        )
    title = (_("New thread: %(title)s") if item.kind == "thread" else _("Reply in %(title)s")) % {
        "title": item.thread.title
    }
    return FeedEntry(
        title=title,
        path=f"{item.thread.get_absolute_url()}#post-{item.post.pk}",
        # Atom readers treat a summary as HTML: escaped, the post shows as typed, never runs.
        summary=escape(queries.excerpt(item.post.body)),
        published=item.at,
        author=str(item.post.author.full_name or ""),
    )


@community_page
def community_feed(request: HttpRequest, community: Community) -> HttpResponse:
    """An Atom feed of an open community's activity, in the reader's language. A community on
    request has none: its threads are for members only, and a feed reader signs in as no one."""
    if community.needs_request:
        raise Http404
    rows = queries.activity(community)[: queries.FEED_ENTRIES]
    return atom_response(
        request,
        title=_("%(community)s: community activity") % {"community": community.name},
        entries=[_feed_entry(item) for item in queries.activity_items(rows)],
    )


@community_joiner
def community_join(request: HttpRequest, community: Community) -> HttpResponse:
    if queries.membership_of(request.user, community) is not None:
        return redirect(community.get_absolute_url())
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.join_community(
                community=community, person=request.user, listed=form.cleaned_data["listed"]
            )
        except actions.AlreadyMember:
            return redirect(community.get_absolute_url())
        if membership.is_active:
            messages.success(request, _("You have joined this community."))
        else:
            queue_request_email(membership=membership)
            messages.success(
                request, _("Your request has been sent. A lead of the community will decide.")
            )
        return redirect(community.get_absolute_url())
    return render(
        request, "communities/community_join.html", {"community": community, "form": form}
    )


@community_joiner
def community_leave(request: HttpRequest, community: Community) -> HttpResponse:
    membership = queries.membership_of(request.user, community)
    if membership is None:
        return redirect(community.get_absolute_url())
    if request.method == "POST":
        actions.leave_community(community=community, person=request.user)
        messages.success(request, _("You have left this community."))
        return redirect("communities:community_list")
    return render(
        request,
        "communities/community_leave.html",
        {"community": community, "membership": membership},
    )


@member_list_reader
def member_list(request: HttpRequest, community: Community) -> HttpResponse:
    membership = queries.membership_of(request.user, community)
    return render(
        request,
        "communities/member_list.html",
        {
            "community": community,
            "members": queries.listed_members(community),
            "counts": queries.member_counts(community),
            "membership": membership,
            "form": ListingForm(initial={"listed": membership.listed if membership else False}),
        },
    )


@community_member
def member_listing(request: HttpRequest, community: Community) -> HttpResponse:
    if request.method == "POST":
        form = ListingForm(request.POST)
        membership = queries.membership_of(request.user, community)
        if form.is_valid() and membership is not None:
            actions.choose_listing(membership=membership, listed=form.cleaned_data["listed"])
            messages.success(request, _("Your choice is saved."))
    return redirect("communities:member_list", slug=community.slug)


@community_lead
def membership_requests(request: HttpRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "communities/membership_requests.html",
        {"community": community, "requests": queries.waiting_requests(community)},
    )


@membership_lead
def membership_decide(request: HttpRequest, membership: Membership) -> HttpResponse:
    community = membership.community
    form = MembershipDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decided = actions.decide_membership(
                membership=membership, by=request.user, approve=approve
            )
        except actions.NotWaiting:
            messages.info(request, _("Another lead has already dealt with this request."))
        else:
            if approve:
                queue_approval_email(membership=decided)
                messages.success(request, _("Request approved. They will be told by email."))
            else:
                messages.success(request, _("Request turned down."))
    return redirect("communities:membership_requests", slug=community.slug)


def _too_fast(request: HttpRequest) -> int:
    return max(
        limit(f"community-post:person:{request.user.pk}", POST_RATE_PERSON),
        limit_request(request, "community-post", POST_RATE_ADDRESS),
    )


@community_member
def thread_create(request: HttpRequest, community: Community) -> HttpResponse:
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            messages.success(request, _held())
            return redirect(community.get_absolute_url())
        wait = _too_fast(request)
        if wait:
            form.add_error("text", refusal_message(wait))
        else:
            try:
                thread = actions.start_thread(
                    community=community,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    language=current_language(),
                )
            except moderation.CommentsClosed:
                form.add_error("text", _("Posting in this community is closed at the moment."))
            else:
                if thread.opening.is_waiting:
                    messages.success(request, _held())
                else:
                    messages.success(request, _("Thank you. Your thread is published."))
                return redirect(thread.get_absolute_url())
    status = 400 if form.errors else 200
    return render(
        request,
        "communities/thread_create.html",
        {"community": community, "form": form},
        status=status,
    )


def _thread_page(request: HttpRequest, thread: Thread, form: ReplyForm, status: int = 200):
    community = thread.community
    posts = queries.thread_page(thread, request.GET.get("page"))
    return render(
        request,
        "communities/thread_detail.html",
        {
            **_community_context(request, community),
            "thread": thread,
            "is_visible": queries.is_thread_visible(thread),
            "posts": posts,
            # The person's own held replies come after the last post, so only the last page
            # asks for them (one query fewer on every other page).
            "own_held": queries.own_held_posts(thread, request.user)
            if not posts.has_next()
            else [],
            "form": form,
            # Read with the thread (load_thread): no query of its own unless there is one.
            "quiet_period": moderation_queries.quiet_period_by_id(thread.quiet_period_id),
            "sections": render_slot(request, THREAD_PAGE, subject=thread, subject_name="thread"),
        },
        status=status,
    )


@thread_reader
def thread_detail(request: HttpRequest, thread: Thread) -> HttpResponse:
    return _thread_page(request, thread, ReplyForm())


@thread_replier
def reply_create(request: HttpRequest, thread: Thread) -> HttpResponse:
    if request.method != "POST":
        return redirect(thread.get_absolute_url())
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, form, status=400)
    if form.is_spam:
        messages.success(request, _held())
        return redirect(thread.get_absolute_url())
    wait = _too_fast(request)
    if wait:
        form.add_error("text", refusal_message(wait))
        return _thread_page(request, thread, form, status=429)
    try:
        post = actions.reply(
            thread=thread,
            author=request.user,
            text=form.cleaned_data["text"],
            language=current_language(),
        )
    except moderation.CommentsClosed:
        form.add_error("text", _("Posting in this community is closed at the moment."))
        return _thread_page(request, thread, form, status=400)
    if post.is_waiting:
        messages.success(request, _held())
    else:
        messages.success(request, _("Thank you. Your reply is published."))
    last = Paginator(queries.thread_posts(thread), queries.POSTS_PER_PAGE).num_pages
    return redirect(f"{thread.get_absolute_url()}?page={last}#replies")


@thread_lead
def thread_pin(request: HttpRequest, thread: Thread) -> HttpResponse:
    if request.method == "POST":
        pinned = pin_choice(request.POST)
        actions.pin_thread(thread=thread, by=request.user, pinned=pinned)
        messages.success(request, _("Thread pinned.") if pinned else _("Thread unpinned."))
    return redirect(thread.get_absolute_url())


@community_reader
def community_search(request: HttpRequest, community: Community) -> HttpResponse:
    form = SearchForm(request.GET or None)
    words = form.words()
    return render(
        request,
        "communities/community_search.html",
        {
            "community": community,
            "form": form,
            "words": words,
            "hits": queries.search(community, words, current_language()) if words else [],
        },
    )


@community_lead
def resource_create(request: HttpRequest, community: Community) -> HttpResponse:
    form = ResourceForm(request.POST or None, request.FILES or None, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_resource(
                community=community,
                by=request.user,
                title_en=data["title_en"],
                title_cy=data["title_cy"],
                url=data["url"],
                upload=data["file"],
                members_only=data.get("members_only", False),
            )
        except actions.LinkOrFile:
            form.add_error("url", _("Enter a web address or choose a file"))
        except UploadRefused:
            form.add_error("file", _("The selected file could not be read. Choose it again"))
        else:
            messages.success(request, _("Resource pinned."))
            return redirect(community.get_absolute_url())
    return render(
        request,
        "communities/resource_create.html",
        {"community": community, "form": form},
        status=400 if form.errors else 200,
    )


@resource_reader
def resource_file(request: HttpRequest, resource: Resource) -> HttpResponse:
    """An uploaded resource, streamed from the shared storage as a download (never shown
    inline); a link resource sends the reader on to its address."""
    if not resource.is_file:
        return redirect(resource.url)
    response = stored_files.response_for(request, resource.file)
    response["Cache-Control"] = (
        "private, no-cache" if resource.members_only else "public, max-age=300"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The people directory: only for signed-in people; only people who turned it on -----------


@signed_in
def directory(request: HttpRequest) -> HttpResponse:
    communities = queries.readable_communities(request.user)
    form = DirectorySearchForm(request.GET or None, communities=communities)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = next((c for c in communities if c.slug == filters.get("community")), None)
    listed = queries.directory(
        words=filters.get("q", ""), welsh_ability=filters.get("welsh_ability", ""), community=chosen
    )
    page = Paginator(listed, queries.DIRECTORY_PER_PAGE).get_page(request.GET.get("page"))
    queries.with_shown_communities(list(page.object_list), request.user)
    return render(
        request,
        "communities/directory.html",
        {"form": form, "page": page, "own": queries.listing_of(request.user)},
    )


@signed_in
def directory_entry(request: HttpRequest) -> HttpResponse:
    listing = queries.listing_of(request.user)
    initial = (
        {
            "profession": listing.profession,
            "skills_offered": listing.skills_offered,
            "welsh_ability": listing.welsh_ability,
        }
        if listing
        else {}
    )
    form = DirectoryEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_listing(person=request.user, **form.cleaned_data)
        except actions.NoName:
            form.add_error(
                None, _("Add your full name on your account page before you list yourself")
            )
        else:
            messages.success(request, _("You are listed in the people directory."))
            return redirect("communities:directory")
    return render(request, "communities/directory_entry.html", {"form": form, "listing": listing})


@signed_in
def directory_remove(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        actions.remove_listing(person=request.user)
        messages.success(request, _("You are no longer listed in the people directory."))
    return redirect("communities:directory")
