"""Panel pages (public where the content is), their meetings and actions (centre staff
change them), and mentoring pairs (the pair and centre staff only)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from porth.core.permissions import centre_staff_only, is_centre_staff, public, signed_in

from . import actions, queries
from .forms import ActionForm, CheckInForm, MeetingForm, MemberForm, MinutesForm, PairForm
from .models import Meeting, MeetingAction, MentoringPair, Panel
from .permissions import pair_member

ADVISORY = "advisory-panel"
APPRENTICE = "apprentice-panel"


@public
def panel_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "panels/panel_list.html",
        {"panels": queries.all_panels(), "is_centre_staff": is_centre_staff(request.user)},
    )


@public
def panel_detail(request: HttpRequest, slug: str) -> HttpResponse:
    panel = get_object_or_404(Panel, slug=slug)
    staff = is_centre_staff(request.user)
    return render(
        request,
        "panels/panel_detail.html",
        {"panel": panel, "is_centre_staff": staff, **queries.panel_page(panel, staff=staff)},
    )


@centre_staff_only
def member_create(request: HttpRequest, slug: str) -> HttpResponse:
    panel = get_object_or_404(Panel, slug=slug)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_member(by=request.user, panel=panel, **form.cleaned_data)
        messages.success(request, _("The member has been added to the panel."))
        return redirect("panels:panel_detail", slug=panel.slug)
    return render(request, "panels/member_create.html", {"form": form, "panel": panel})


@centre_staff_only
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    panel = get_object_or_404(Panel, slug=slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = actions.record_meeting(by=request.user, panel=panel, **form.cleaned_data)
        messages.success(request, _("The meeting has been recorded."))
        return redirect("panels:meeting_detail", pk=meeting.pk)
    return render(request, "panels/meeting_create.html", {"form": form, "panel": panel})


@public
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda is public; minutes once published in both languages; actions for staff."""
    get_object_or_404(Meeting, pk=pk)
    return render(
        request,
        "panels/meeting_detail.html",
        {
            "meeting": queries.meeting_with_actions(pk),
            "is_centre_staff": is_centre_staff(request.user),
        },
    )


@centre_staff_only
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    form = MinutesForm(
        request.POST or None,
        initial={
            "minutes_en": meeting.minutes_en,
            "minutes_cy": meeting.minutes_cy,
            "publish": meeting.minutes_are_published,
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.save_minutes(by=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The minutes have been saved."))
        return redirect("panels:meeting_detail", pk=meeting.pk)
    return render(request, "panels/meeting_minutes.html", {"form": form, "meeting": meeting})


@centre_staff_only
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_action(by=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The action has been added."))
        return redirect("panels:meeting_detail", pk=meeting.pk)
    return render(request, "panels/action_create.html", {"form": form, "meeting": meeting})


@centre_staff_only
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(MeetingAction, pk=pk)
    if request.method == "POST":
        actions.mark_action_done(by=request.user, action=action)
        messages.success(request, _("The action is marked as done."))
    return redirect("panels:meeting_detail", pk=action.meeting_id)


@signed_in
def pair_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "panels/pair_list.html",
        {
            "pairs": queries.pairs_for(request.user),
            "is_centre_staff": is_centre_staff(request.user),
        },
    )


@centre_staff_only
def pair_create(request: HttpRequest) -> HttpResponse:
    form = PairForm(
        request.POST or None,
        mentors=queries.members_of_panel(ADVISORY),
        apprentices=queries.members_of_panel(APPRENTICE),
    )
    if request.method == "POST" and form.is_valid():
        pair = actions.pair_up(by=request.user, **form.cleaned_data)
        messages.success(request, _("The mentoring pair has been started."))
        return redirect("panels:pair_detail", pk=pair.pk)
    return render(request, "panels/pair_create.html", {"form": form})


@pair_member
def pair_detail(request: HttpRequest, pair: MentoringPair) -> HttpResponse:
    """The pair's private check-ins; either of the two (or centre staff) adds one."""
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.record_check_in(by=request.user, pair=pair, **form.cleaned_data)
        messages.success(request, _("The check-in has been recorded."))
        return redirect("panels:pair_detail", pk=pair.pk)
    return render(
        request,
        "panels/pair_detail.html",
        {"pair": pair, "form": form, "check_ins": queries.check_ins_of(pair)},
    )
