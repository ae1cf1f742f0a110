"""Round pages: the centre opens, follows and closes rounds; bodies work through their tasks."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from porth.core.permissions import (
    Role,
    can_administer,
    centre_staff_only,
    is_centre_staff,
    organisation_role,
    signed_in,
)
from porth.organisations.models import Organisation

from . import actions, queries
from .forms import DashboardForm, RoundForm
from .models import Participation, Round


def _refusal(error: Exception) -> str:
    """What a refusal says to the person, in words they can act on."""
    if isinstance(error, actions.RoundClosed):
        return _("This round has closed, so nothing in it can change.")
    if isinstance(error, actions.AlreadySignedOff):
        return _("Your organisation has signed off this round, so its answers cannot change.")
    if isinstance(error, actions.TasksIncomplete):
        return _("Complete the other tasks before you sign off.")
    return _("That service is not one of your organisation's current services.")


def _participation(pk: int, organisation: Organisation) -> Participation:
    participation = queries.participation_for(round_pk=pk, organisation=organisation)
    if participation is None:
        raise Http404
    return participation


def _to_tasks(participation: Participation) -> HttpResponse:
    return redirect(
        "baseline:participation_tasks",
        pk=participation.round_id,
        slug=participation.organisation.slug,
    )


@signed_in
def round_list(request: HttpRequest) -> HttpResponse:
    """Centre staff see every round; others, the open rounds their bodies take part in."""
    staff = is_centre_staff(request.user)
    return render(
        request,
        "baseline/round_list.html",
        {
            "is_centre_staff": staff,
            "rounds": queries.all_rounds() if staff else None,
            "participations": None if staff else queries.open_participations_for(request.user),
        },
    )


@centre_staff_only
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = actions.open_round(**form.cleaned_data, opened_by=request.user)
        except actions.NoBodiesInScope:
            form.add_error("body_types", _("There are no bodies of the types you selected"))
        else:
            messages.success(request, _("The round is open."))
            return redirect("baseline:round_dashboard", pk=round_.pk)
    return render(request, "baseline/round_create.html", {"form": form})


@centre_staff_only
def round_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    form = DashboardForm(request.GET)
    rows = queries.round_progress(round_)
    return render(
        request,
        "baseline/round_dashboard.html",
        {
            "round": round_,
            "form": form,
            "rows": queries.sorted_progress(rows, sort=form.value("sort"), show=form.value("show")),
            "totals": queries.totals(rows),
            "snapshot": queries.snapshot_of(round_),
        },
    )


@centre_staff_only
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    if request.method == "POST":
        try:
            actions.close_round(round_=round_, closed_by=request.user)
        except actions.RoundClosed:
            messages.info(request, _refusal(actions.RoundClosed()))
        else:
            messages.success(
                request, _("The round is closed. A snapshot of the register is being taken.")
            )
        return redirect("baseline:round_dashboard", pk=round_.pk)
    return render(
        request,
        "baseline/round_close.html",
        {"round": round_, "totals": queries.totals(queries.round_progress(round_))},
    )


@organisation_role(Role.EDITOR)
def participation_tasks(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    participation = _participation(pk, organisation)
    return render(
        request,
        "baseline/participation_tasks.html",
        {
            "participation": participation,
            "round": participation.round,
            "organisation": organisation,
            "tasks": queries.task_list(participation),
            "can_sign_off": can_administer(request.user, organisation),
        },
    )


@organisation_role(Role.EDITOR)
def participation_services(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Task 1: confirm each service is current, one at a time or all at once."""
    participation = _participation(pk, organisation)
    if request.method == "POST":
        try:
            if request.POST.get("service"):
                service = next(
                    (
                        check.service
                        for check in queries.task_list(participation).services
                        if check.service.public_id == request.POST["service"]
                    ),
                    None,
                )
                if service is None:
                    raise actions.ServiceNotInRound
                actions.confirm_service(
                    participation=participation, service=service, person=request.user
                )
                messages.success(
                    request,
                    _("%(service)s is confirmed as current.") % {"service": service.name},
                )
            else:
                count = actions.confirm_all_services(
                    participation=participation, person=request.user
                )
                messages.success(
                    request,
                    _("Your services are confirmed as current.")
                    if count
                    else _("Every service was already confirmed."),
                )
        except (actions.RoundClosed, actions.AlreadySignedOff, actions.ServiceNotInRound) as error:
            messages.info(request, _refusal(error))
        return redirect(request.path)
    return _task_page(request, "services", participation)


def _task_page(request: HttpRequest, name: str, participation: Participation) -> HttpResponse:
    return render(
        request,
        f"baseline/participation_{name}.html",
        {
            "participation": participation,
            "round": participation.round,
            "organisation": participation.organisation,
            "tasks": queries.task_list(participation),
        },
    )


def _mark_task(request: HttpRequest, participation: Participation, action, done: str):
    try:
        action(participation=participation)
    except (actions.RoundClosed, actions.AlreadySignedOff) as error:
        messages.info(request, _refusal(error))
    else:
        messages.success(request, done)
    return _to_tasks(participation)


@organisation_role(Role.EDITOR)
def participation_missing(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Task 2: add the services the register lacks, then say none are missing."""
    participation = _participation(pk, organisation)
    if request.method == "POST":
        return _mark_task(
            request,
            participation,
            actions.confirm_no_missing_services,
            _("You have said no services are missing."),
        )
    return _task_page(request, "missing", participation)


@organisation_role(Role.EDITOR)
def participation_figures(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Task 3: give figures (or why not) for the period, then mark the task complete."""
    participation = _participation(pk, organisation)
    if request.method == "POST":
        return _mark_task(
            request,
            participation,
            actions.mark_figures_complete,
            _("You have marked your figures as complete."),
        )
    return _task_page(request, "figures", participation)


@organisation_role(Role.ADMIN)
def participation_sign_off(
    request: HttpRequest, organisation: Organisation, pk: int
) -> HttpResponse:
    """Task 4: an organisation admin checks the answers and signs off."""
    participation = _participation(pk, organisation)
    if request.method == "POST":
        try:
            actions.sign_off(participation=participation, person=request.user)
        except (actions.RoundClosed, actions.AlreadySignedOff, actions.TasksIncomplete) as error:
            messages.info(request, _refusal(error))
        else:
            messages.success(request, _("Your organisation has signed off this round."))
        return _to_tasks(participation)
    return _task_page(request, "sign_off", participation)
