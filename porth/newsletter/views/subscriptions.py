"""Subscribing, confirming, managing and unsubscribing: public pages, no account needed.

A GET never writes: confirming and unsubscribing happen when the button is pressed (a POST),
since mail scanners open links. The one-click unsubscribe POST of RFC 8058 comes from mail
software without a CSRF token, so that one view is exempt; its signed link is the proof.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from porth.core.permissions import public
from porth.core.ratelimit import limit_request, refusal_message

from .. import links, queries
from ..actions import subscriptions as actions
from ..forms import ChoicesForm, ManageRequestForm, SubscribeForm
from ..models import Subscriber

# Each submission may send an email: count them per address and session (ADR 0023).
SUBSCRIBE_RATE = "10/h"


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/bad_link.html", status=400)


def _limited(request: HttpRequest, form, action: str) -> bool:
    """True when this client has sent the form too often; the form then says when to retry."""
    wait = limit_request(request, f"newsletter_{action}", SUBSCRIBE_RATE)
    if wait:
        form.add_error(None, refusal_message(wait))
    return bool(wait)


@public
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None, initial={"language": "both", "frequency": "each"})
    status = 200
    if request.method == "POST":
        if _limited(request, form, "subscribe"):
            status = 429
        elif form.is_valid():
            actions.subscribe(**form.cleaned_data)
            return redirect("newsletter:check_email")
    return render(request, "newsletter/subscribe.html", {"form": form}, status=status)


@public
def check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/check_email.html")


@public
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = queries.subscriber_for_link(purpose=links.CONFIRM, token=token)
    except (links.BadLink, queries.NotSubscribed):
        return _bad_link(request)
    if request.method == "POST":
        try:
            subscriber = actions.confirm(token=token)
        except (links.BadLink, queries.NotSubscribed):
            return _bad_link(request)
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@public
def manage_request(request: HttpRequest) -> HttpResponse:
    form = ManageRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _limited(request, form, "manage"):
            status = 429
        elif form.is_valid():
            actions.send_manage_link(email=form.cleaned_data["email"])
            return redirect("newsletter:check_email")
    return render(request, "newsletter/manage_request.html", {"form": form}, status=status)


def _choices_of(subscriber: Subscriber) -> dict:
    return {
        "topics": subscriber.topics,
        "frequency": subscriber.frequency,
        "language": subscriber.language,
    }


@public
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = queries.subscriber_for_link(purpose=links.MANAGE, token=token)
    except (links.BadLink, queries.NotSubscribed):
        return _bad_link(request)
    form = ChoicesForm(request.POST or None, initial=_choices_of(subscriber))
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            subscriber = actions.change_choices(token=token, **form.cleaned_data)
        except (links.BadLink, queries.NotSubscribed):
            return _bad_link(request)
        saved = True
    unsubscribe_token = links.make_token(
        links.UNSUBSCRIBE, subscriber_id=subscriber.pk, email=subscriber.email
    )
    return render(
        request,
        "newsletter/manage.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "unsubscribe_token": unsubscribe_token,
        },
    )


@csrf_exempt
@public
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = queries.subscriber_for_link(purpose=links.UNSUBSCRIBE, token=token)
    except (links.BadLink, queries.NotSubscribed):
        return _bad_link(request)
    if request.method == "POST":
        try:
            subscriber = actions.unsubscribe(token=token)
        except (links.BadLink, queries.NotSubscribed):
            return _bad_link(request)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})
