"""Moderation pages: the one queue, deciding, reporting, the log, spaces and election periods."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from porth.core.permissions import centre_staff_only, signed_in

from . import actions, queries
from .forms import DecisionForm, QuietPeriodForm, ReportForm, SpaceForm
from .models import Contribution
from .permissions import moderator_of_contribution, reporter_of_contribution
from .queue import queue_outcome_email


@signed_in
def queue(request: HttpRequest) -> HttpResponse:
    if not queries.moderated_spaces(request.user).exists():
        raise PermissionDenied
    return render(request, "moderation/queue.html", {"items": queries.queue_for(request.user)})


@moderator_of_contribution
def contribution_decide(request: HttpRequest, contribution: Contribution) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decided = actions.decide(
                contribution=contribution,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except actions.AlreadyDecided:
            messages.info(request, _("Another moderator has already dealt with this comment."))
            return redirect("moderation:queue")
        queue_outcome_email(contribution=decided)
        messages.success(request, _("Decision saved. The author will be told by email."))
        return redirect("moderation:queue")
    return render(
        request,
        "moderation/contribution_decide.html",
        {"contribution": contribution, "form": form, "reports": contribution.reports.all()},
    )


@reporter_of_contribution
def contribution_report(request: HttpRequest, contribution: Contribution) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_contribution(
                contribution=contribution, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Thank you. A moderator will look at this comment."))
        except actions.AlreadyReported:
            messages.info(request, _("You have already reported this comment."))
        return redirect(contribution.subject_url)
    return render(
        request, "moderation/contribution_report.html", {"contribution": contribution, "form": form}
    )


@signed_in
def log(request: HttpRequest) -> HttpResponse:
    if not queries.moderated_spaces(request.user).exists():
        raise PermissionDenied
    page = Paginator(queries.log_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page})


@centre_staff_only
def space_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "moderation/space_list.html",
        {"spaces": queries.all_spaces(), "periods": queries.quiet_periods()},
    )


@centre_staff_only
def space_edit(request: HttpRequest, key: str) -> HttpResponse:
    space = queries.space_by_key(key)
    if space is None:
        raise Http404
    initial = {"mode": space.mode, "report_threshold": space.report_threshold}
    form = SpaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.change_space(space=space, by=request.user, **form.cleaned_data)
        messages.success(request, _("Moderation setting saved."))
        return redirect("moderation:space_list")
    return render(request, "moderation/space_edit.html", {"space": space, "form": form})


@centre_staff_only
def quiet_period_create(request: HttpRequest) -> HttpResponse:
    form = QuietPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.start_quiet_period(
            spaces=list(data["spaces"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            notice_en=data["notice_en"],
            notice_cy=data["notice_cy"],
            by=request.user,
        )
        messages.success(request, _("Pre-election period saved."))
        return redirect("moderation:space_list")
    return render(request, "moderation/quiet_period_create.html", {"form": form})
