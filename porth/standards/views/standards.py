"""Pages about the standards themselves and the manual's feedback."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core.language import current_language
from porth.core.permissions import centre_staff_only, public
from porth.core.ratelimit import limit_request, refusal_message

from .. import actions, queries
from ..forms import ManualFeedbackForm

# Feedback needs no account, so one address (and one session) may send only a few answers in a
# short time; counted in the shared cache, so dropping the session cookie does not reset it.
FEEDBACK_LIMIT = 5
FEEDBACK_RATE = f"{FEEDBACK_LIMIT}/10m"


@public
def standard_list(request: HttpRequest) -> HttpResponse:
    standard_set = queries.current_standard_set()
    groups = queries.groups_with_standards(standard_set) if standard_set else []
    return render(
        request, "standards/standard_list.html", {"standard_set": standard_set, "groups": groups}
    )


@public
def standard_detail(request: HttpRequest, number: int) -> HttpResponse:
    standard = queries.current_standard(number)
    if standard is None:
        raise Http404
    context = queries.standard_page_context(standard, guidance=queries.guidance_for(number))
    return render(request, "standards/standard_detail.html", context)


@public
@require_POST
def manual_feedback_create(request: HttpRequest) -> HttpResponse:
    """Answers "Is this page useful?" from any manual page, then goes back to that page."""
    form = ManualFeedbackForm(request.POST)
    back = request.POST.get("path", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        back = reverse("standards:standard_list")
    if not form.is_valid():
        messages.error(request, _("Your feedback was not sent: select yes or no."))
        return HttpResponseRedirect(back)
    if form.is_spam:
        # Thank the robot as if it had worked, so it learns nothing; keep nothing.
        messages.success(request, _("Thank you for your feedback"))
        return HttpResponseRedirect(back)
    wait = limit_request(request, "manual_feedback", FEEDBACK_RATE)
    if wait:
        # Show the form again with what they wrote, so nothing is lost while they wait.
        return render(
            request,
            "standards/manual_feedback_create.html",
            {
                "message": refusal_message(wait),
                "page_id": form.cleaned_data["page"],
                "path": back,
                "comment": form.cleaned_data["comment"],
            },
            status=429,
        )
    actions.record_manual_feedback(
        page_id=form.cleaned_data["page"],
        path=form.cleaned_data["path"],
        is_useful=form.cleaned_data["useful"] == "yes",
        comment=form.cleaned_data["comment"],
        language=current_language(),
    )
    messages.success(request, _("Thank you for your feedback"))
    return HttpResponseRedirect(back)


@centre_staff_only
def manual_feedback_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "standards/manual_feedback_list.html",
        {
            "pages": queries.feedback_by_page(),
            "comments": queries.recent_feedback_comments(),
        },
    )
