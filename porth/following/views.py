"""Following: the button's POST, the person's list with one-click stop, and when to hear."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from porth.core.permissions import signed_in

from . import actions, queries
from .forms import DeliveryForm, FollowForm


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("following:following_list")


@signed_in
def follow(request: HttpRequest) -> HttpResponse:
    """POST only: follow the thing named by kind and key, then go back to its page."""
    if request.method != "POST":
        return redirect("following:following_list")
    form = FollowForm(request.POST)
    if form.is_valid():
        try:
            actions.follow(person=request.user, **form.cleaned_data)
        except actions.UnknownThing:
            messages.error(request, _("There is nothing of that kind to follow."))
        else:
            messages.success(request, _("You will get emails when this changes."))
    return _back(request)


@signed_in
def stop_following(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        actions.stop_following(person=request.user, follow_id=pk)
        messages.success(request, _("You will get no more emails about it."))
        return _back(request)
    return redirect("following:following_list")


@signed_in
def following_list(request: HttpRequest) -> HttpResponse:
    form = DeliveryForm(
        request.POST or None, initial={"delivery": queries.delivery_of(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        actions.choose_delivery(person=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Your choice is saved."))
        return redirect("following:following_list")
    return render(
        request,
        "following/following_list.html",
        {"follows": queries.follows_of(request.user), "form": form},
    )
