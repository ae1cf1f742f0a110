"""Pages about the standards themselves and the manual's feedback."""

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from porth.core.feeds import FeedEntry, atom_response
from porth.core.language import current_language
from porth.core.pagecache import independent_of
from porth.core.permissions import centre_staff_only, public
from porth.core.ratelimit import limit_request, refusal_message
from porth.core.sections import STANDARD_PAGE, render_slot
from porth.register.signals import PAGE_TOPIC as REGISTER_TOPIC

from .. import actions, queries
from ..forms import ManualFeedbackForm, ManualFeedbackWrongForm

# Feedback needs no account, so one address (and one session) may send only a few answers in a
# short time; counted in the shared cache, so dropping the session cookie does not reset it.
FEEDBACK_LIMIT = 5
FEEDBACK_RATE = f"{FEEDBACK_LIMIT}/10m"
# The "what was wrong" form names the "No" it adds to with a signed id, good for an hour.
FEEDBACK_SALT = "porth.standards.feedback-wrong"
FEEDBACK_TOKEN_AGE = 60 * 60


@independent_of(REGISTER_TOPIC)
@public
def standard_list(request: HttpRequest) -> HttpResponse:
    standard_set = queries.current_standard_set()
    groups = queries.groups_with_standards(standard_set) if standard_set else []
    return render(
        request, "standards/standard_list.html", {"standard_set": standard_set, "groups": groups}
    )


@independent_of(REGISTER_TOPIC)  # its sections (following's button) read no register
@public
def standard_detail(request: HttpRequest, number: int) -> HttpResponse:
    standard = queries.current_standard(number)
    if standard is None:
        raise Http404
    context = queries.standard_page_context(standard, guidance=queries.guidance_for(number))
    context["sections"] = render_slot(
        request, STANDARD_PAGE, subject=standard, subject_name="standard"
    )
    return render(request, "standards/standard_detail.html", context)


def _safe_back(request: HttpRequest) -> str:
    back = request.POST.get("path", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        back = reverse("standards:standard_list")
    return back


def _wrong_form_page(
    request: HttpRequest, form: ManualFeedbackWrongForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "standards/manual_feedback_wrong.html",
        {"form": form, "path": form.data.get("path") or form.initial.get("path")},
        status=status,
    )


@public
@require_POST
def manual_feedback_create(request: HttpRequest) -> HttpResponse:
    """Answers "Is this page useful?" from any manual page, then goes back to that page.

    "No" without a comment keeps the answer and shows a short "what was wrong" form (a page of
    its own, so it works without JavaScript); that form posts back here with a signed token.
    """
    if "token" in request.POST:
        return _manual_feedback_wrong(request)
    form = ManualFeedbackForm(request.POST)
    back = _safe_back(request)
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
    feedback = actions.record_manual_feedback(
        page_id=form.cleaned_data["page"],
        path=form.cleaned_data["path"],
        is_useful=form.cleaned_data["useful"] == "yes",
        comment=form.cleaned_data["comment"],
        language=current_language(),
    )
    if not feedback.is_useful and not feedback.comment:
        token = signing.dumps(feedback.pk, salt=FEEDBACK_SALT)
        return _wrong_form_page(
            request, ManualFeedbackWrongForm(initial={"token": token, "path": back})
        )
    messages.success(request, _("Thank you for your feedback"))
    return HttpResponseRedirect(back)


def _manual_feedback_wrong(request: HttpRequest) -> HttpResponse:
    form = ManualFeedbackWrongForm(request.POST)
    back = _safe_back(request)
    if not form.is_valid():
        return _wrong_form_page(request, form, status=400)
    if form.cleaned_data["website"]:
        messages.success(request, _("Thank you for your feedback"))
        return HttpResponseRedirect(back)
    try:
        feedback_id = signing.loads(
            form.cleaned_data["token"], salt=FEEDBACK_SALT, max_age=FEEDBACK_TOKEN_AGE
        )
    except signing.BadSignature:
        # Too old or altered: the "No" is kept, the comment cannot be tied to it safely.
        messages.error(request, _("Your comment was not sent because the form had expired."))
        return HttpResponseRedirect(back)
    actions.add_manual_feedback_comment(
        feedback_id=feedback_id, comment=form.cleaned_data["comment"]
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


def _manual_page_path(page, request: HttpRequest) -> str:
    """Guidance on a standard is read on the standard's own page; the rest at their own."""
    number = getattr(page, "standard_number", None)
    if number is not None:
        with override(current_language()):
            return reverse("standards:standard_detail", args=[number])
    return page.get_url(request=request) or "/"


def _manual_page_summary(page) -> str:
    for field in ("search_description", "summary", "introduction"):
        if text := getattr(page, field, ""):
            return text
    return ""


@public
def manual_update_feed(request: HttpRequest) -> HttpResponse:
    """An Atom feed of the manual's pages, the last published first, in the reader's language:
    a page published again comes back to the top with its new date."""
    entries = [
        FeedEntry(
            title=page.title,
            path=_manual_page_path(page, request),
            summary=_manual_page_summary(page),
            published=page.first_published_at,
            updated=page.last_published_at,
        )
        for page in queries.manual_updates()
    ]
    return atom_response(request, title=_("Porth: updates to the manual"), entries=entries)
