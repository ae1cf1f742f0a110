"""Pages for asking the centre for help, triage, and engagements with their timelines."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from porth.core.permissions import (
    Role,
    centre_staff_only,
    is_centre_staff,
    organisation_role,
    public,
    signed_in,
)
from porth.organisations.models import Organisation

from . import actions, queries
from .forms import (
    Decision,
    EngagementForm,
    HelpRequestForm,
    SquadMemberForm,
    TimelineEntryForm,
    TriageForm,
)
from .models import Engagement, EntryKind, HelpRequest
from .permissions import (
    attachment_reader,
    engagement_reader,
    is_partner_admin,
    may_see_private_entries,
    note_writer,
    request_reader,
)


@signed_in
def request_start(request: HttpRequest) -> HttpResponse:
    """Where a body's admin asks for help and follows their requests."""
    bodies = queries.bodies_administered_by(request.user)
    return render(
        request,
        "engagements/request_start.html",
        {
            "bodies": bodies,
            "requests": queries.requests_of(bodies),
            "is_centre_staff": is_centre_staff(request.user),
        },
    )


@organisation_role(Role.ADMIN)
def request_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = HelpRequestForm(request.POST or None, services=queries.services_of(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            help_request = actions.send_help_request(
                organisation=organisation,
                person=request.user,
                language=get_language(),
                **form.cleaned_data,
            )
        except actions.ServiceNotOurs:
            form.add_error("services", _("Select services from the list"))
        else:
            messages.success(
                request,
                _("Your request has been sent. The centre will answer by %(date)s.")
                % {"date": date_format(help_request.answer_by, "j F Y")},
            )
            return redirect("engagements:request_detail", pk=help_request.pk)
    return render(
        request, "engagements/request_create.html", {"form": form, "organisation": organisation}
    )


@request_reader
def request_detail(request: HttpRequest, help_request: HelpRequest) -> HttpResponse:
    return render(
        request,
        "engagements/request_detail.html",
        {
            "help_request": queries.request_with_services(help_request.pk),
            "is_centre_staff": is_centre_staff(request.user),
            "today": timezone.localdate(),
        },
    )


@centre_staff_only
def request_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagements/request_queue.html",
        {
            "waiting": queries.triage_queue(),
            "decided": queries.decided_requests()[:50],
            "today": timezone.localdate(),
        },
    )


@centre_staff_only
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_object_or_404(HelpRequest.objects.select_related("organisation"), pk=pk)
    if not help_request.is_waiting:
        messages.info(request, _("This request has already been answered."))
        return redirect("engagements:request_detail", pk=pk)
    form = TriageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == Decision.ACCEPT:
                engagement = actions.accept_request(
                    help_request=help_request,
                    by=request.user,
                    title_en=data["title_en"],
                    title_cy=data["title_cy"],
                    theme=data["theme"],
                )
                messages.success(
                    request,
                    _("The request is accepted and the engagement has started. Fill it in."),
                )
                return redirect("engagements:engagement_edit", pk=engagement.pk)
            if data["decision"] == Decision.DECLINE:
                actions.decline_request(
                    help_request=help_request, by=request.user, reason=data["reason"]
                )
            else:
                actions.refer_request(
                    help_request=help_request,
                    by=request.user,
                    referred_to=data["referred_to"],
                    reason=data["reason"],
                )
        except actions.AlreadyDecided:
            messages.info(request, _("This request has already been answered."))
        else:
            messages.success(request, _("Your decision is recorded and the requester is told."))
        return redirect("engagements:request_queue")
    return render(
        request,
        "engagements/request_decide.html",
        {"form": form, "help_request": queries.request_with_services(pk)},
    )


@public
def demand_summary(request: HttpRequest) -> HttpResponse:
    statuses, rows = queries.demand_summary()
    return render(
        request,
        "engagements/demand_summary.html",
        {"statuses": statuses, "rows": rows, "small_number": queries.SMALL_NUMBER},
    )


@public
def engagement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagements/engagement_list.html",
        {
            "engagements": queries.engagements_for(request.user),
            "is_centre_staff": is_centre_staff(request.user),
        },
    )


@engagement_reader
def engagement_detail(request: HttpRequest, engagement: Engagement) -> HttpResponse:
    show_private = may_see_private_entries(request.user, engagement)
    return render(
        request,
        "engagements/engagement_detail.html",
        {
            "engagement": engagement,
            **queries.engagement_page(engagement, show_private=show_private, user=request.user),
            "show_private": show_private,
            "is_centre_staff": is_centre_staff(request.user),
            "may_add_note": is_partner_admin(request.user, engagement),
        },
    )


def _engagement_data(form: EngagementForm) -> dict:
    data = dict(form.cleaned_data)
    data["services"] = data.pop("service_ids")
    data["outcomes_en"] = data.get("outcomes_en") or ""
    data["outcomes_cy"] = data.get("outcomes_cy") or ""
    return data


@centre_staff_only
def engagement_create(request: HttpRequest) -> HttpResponse:
    form = EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        engagement = actions.create_engagement(by=request.user, **_engagement_data(form))
        messages.success(request, _("The engagement has been created."))
        return redirect("engagements:engagement_detail", pk=engagement.pk)
    return render(request, "engagements/engagement_form.html", {"form": form, "engagement": None})


@centre_staff_only
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(Engagement, pk=pk)
    initial = {
        name: getattr(engagement, name)
        for name in actions.ENGAGEMENT_FIELDS
        if name not in ("starts_on", "ends_on")
    }
    initial["starts_on"] = engagement.starts_on
    initial["ends_on"] = engagement.ends_on
    initial["partners"] = list(engagement.partners.all())
    initial["service_ids"] = ", ".join(s.public_id for s in engagement.services.all())
    initial["reviews"] = list(engagement.reviews.all())
    form = EngagementForm(
        request.POST or None, initial=initial, reviews=queries.reviews_to_link(engagement)
    )
    if request.method == "POST" and form.is_valid():
        actions.update_engagement(engagement=engagement, by=request.user, **_engagement_data(form))
        messages.success(request, _("The engagement has been saved."))
        return redirect("engagements:engagement_detail", pk=engagement.pk)
    return render(
        request, "engagements/engagement_form.html", {"form": form, "engagement": engagement}
    )


@centre_staff_only
def squad_member_create(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(Engagement, pk=pk)
    form = SquadMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_squad_member(engagement=engagement, by=request.user, **form.cleaned_data)
        messages.success(request, _("The person has been added to the squad."))
        return redirect("engagements:engagement_detail", pk=engagement.pk)
    return render(
        request, "engagements/squad_member_create.html", {"form": form, "engagement": engagement}
    )


@note_writer
def entry_create(request: HttpRequest, engagement: Engagement) -> HttpResponse:
    """Centre staff add show-and-tells and notes; partner bodies' admins add notes."""
    notes_only = not is_centre_staff(request.user)
    form = TimelineEntryForm(request.POST or None, request.FILES or None, notes_only=notes_only)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_timeline_entry(engagement=engagement, by=request.user, **form.cleaned_data)
        except actions.OnlyNotes:
            form.add_error("kind", _("You can add notes only"))
        else:
            if form.cleaned_data["kind"] == EntryKind.SHOW_AND_TELL:
                messages.success(request, _("The show and tell has been added to the timeline."))
            else:
                messages.success(request, _("The note has been added to the timeline."))
            return redirect("engagements:engagement_detail", pk=engagement.pk)
    return render(
        request,
        "engagements/entry_create.html",
        {"form": form, "engagement": engagement, "notes_only": notes_only},
    )


@attachment_reader
def entry_attachment(request: HttpRequest, entry) -> HttpResponse:
    try:
        handle = entry.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=entry.attachment_name)
