"""Pages of the standards app: the standards, the manual's feedback and self-assessments."""

import time

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from porth.core.language import current_language
from porth.core.permissions import can_edit, centre_staff_only, public, signed_in
from porth.register.models import Phase as ServicePhase
from porth.register.models import Service
from porth.register.permissions import service_editor_required

from . import actions, queries
from .charts import rating_chart
from .forms import ActionForm, AnswerForm, ManualFeedbackForm, SelfAssessmentStartForm
from .models import Phase, SelfAssessment
from .permissions import self_assessment_editor, self_assessment_viewer

# Feedback needs no account, so a session may send only a few answers in a short time.
FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW_SECONDS = 10 * 60


def standard_url(number: int, language: str) -> str:
    with override(language):
        return reverse("standards:standard_detail", args=[number])


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


def _recent_feedback(request: HttpRequest) -> list[float]:
    now = time.time()
    sent_at = request.session.get("manual_feedback", [])
    return [sent for sent in sent_at if now - sent < FEEDBACK_WINDOW_SECONDS]


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
    recent = _recent_feedback(request)
    if len(recent) >= FEEDBACK_LIMIT:
        messages.error(
            request, _("You have sent a lot of feedback in a short time. Try again later.")
        )
        return HttpResponseRedirect(back)
    actions.record_manual_feedback(
        page_id=form.cleaned_data["page"],
        path=form.cleaned_data["path"],
        is_useful=form.cleaned_data["useful"] == "yes",
        comment=form.cleaned_data["comment"],
        language=current_language(),
    )
    request.session["manual_feedback"] = [*recent, time.time()]
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


# --- Self-assessments ---------------------------------------------------------------------------

# The register records finer phases than the standards' checklists have.
SERVICE_PHASE_TO_CHECKLIST = {
    ServicePhase.DISCOVERY: Phase.DISCOVERY,
    ServicePhase.ALPHA: Phase.ALPHA,
    ServicePhase.PRIVATE_BETA: Phase.BETA,
    ServicePhase.PUBLIC_BETA: Phase.BETA,
}


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return fallback


@signed_in
def self_assessment_index(request: HttpRequest) -> HttpResponse:
    """Where a team starts: the services of the person's organisations."""
    return render(
        request,
        "standards/self_assessment_index.html",
        {"rows": queries.services_with_self_assessments(request.user)},
    )


@public
def self_assessment_list(request: HttpRequest, public_id: str) -> HttpResponse:
    """A service's self-assessments that this person may see, and the trend per standard."""
    service = get_object_or_404(
        Service.objects.select_related("organisation"), public_id=public_id.upper()
    )
    self_assessments = list(queries.visible_self_assessments(service, request.user))
    return render(
        request,
        "standards/self_assessment_list.html",
        {
            "service": service,
            "self_assessments": self_assessments,
            "submitted": queries.submitted_in_order(self_assessments),
            "trend": queries.trend_by_standard(self_assessments),
            "can_start": can_edit(request.user, service.organisation),
        },
    )


@service_editor_required
def self_assessment_create(request: HttpRequest, service: Service) -> HttpResponse:
    initial = {"phase": SERVICE_PHASE_TO_CHECKLIST.get(service.phase, Phase.LIVE)}
    form = SelfAssessmentStartForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            self_assessment = actions.start_self_assessment(
                service=service, phase=form.cleaned_data["phase"], person=request.user
            )
        except actions.NoCurrentStandards:
            form.add_error(None, _("The standards have not been loaded yet."))
        else:
            return redirect("standards:self_assessment_tasks", pk=self_assessment.pk)
    return render(
        request, "standards/self_assessment_create.html", {"service": service, "form": form}
    )


@self_assessment_editor
def self_assessment_tasks(request: HttpRequest, self_assessment: SelfAssessment) -> HttpResponse:
    """The task list: one task per standard, done in any order."""
    if not self_assessment.is_draft:
        return redirect("standards:self_assessment_summary", pk=self_assessment.pk)
    progress = queries.self_assessment_progress(self_assessment)
    completed = sum(1 for item in progress if item.status == queries.TaskStatus.COMPLETED)
    return render(
        request,
        "standards/self_assessment_tasks.html",
        {
            "self_assessment": self_assessment,
            "progress": progress,
            "completed": completed,
            "total": len(progress),
        },
    )


@self_assessment_editor
def answer_update(
    request: HttpRequest, self_assessment: SelfAssessment, number: int
) -> HttpResponse:
    """One standard's checklist on one page; saving keeps partial answers."""
    if not self_assessment.is_draft:
        return redirect("standards:self_assessment_summary", pk=self_assessment.pk)
    progress = queries.progress_for_standard(self_assessment, number)
    if progress is None:
        raise Http404
    forms = [
        AnswerForm(
            request.POST if request.method == "POST" else None,
            criterion=criterion,
            initial={
                "rating": answer.rating,
                "evidence": answer.evidence,
                "links": answer.links,
            }
            if (answer := progress.answers.get(criterion.pk))
            else None,
        )
        for criterion in progress.criteria
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        actions.save_answers(
            self_assessment=self_assessment,
            answers=[
                actions.AnswerInput(criterion=form.criterion, **form.cleaned_data) for form in forms
            ],
        )
        if "add_action" in request.POST:
            return redirect("standards:action_create", pk=self_assessment.pk, number=number)
        messages.success(
            request,
            _("Your answers for standard %(number)s have been saved") % {"number": number},
        )
        return redirect("standards:self_assessment_tasks", pk=self_assessment.pk)
    return render(
        request,
        "standards/answer_update.html",
        {
            "self_assessment": self_assessment,
            "progress": progress,
            "forms": forms,
            "has_errors": any(form.errors for form in forms),
        },
    )


@self_assessment_editor
def action_create(
    request: HttpRequest, self_assessment: SelfAssessment, number: int
) -> HttpResponse:
    standard = get_object_or_404(self_assessment.standard_set.standards, number=number)
    back = (
        reverse("standards:answer_update", args=[self_assessment.pk, number])
        if self_assessment.is_draft
        else reverse("standards:self_assessment_summary", args=[self_assessment.pk])
    )
    form = ActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.add_action(
            self_assessment=self_assessment,
            standard=standard,
            description=form.cleaned_data["description"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("The action has been added"))
        return HttpResponseRedirect(back)
    return render(
        request,
        "standards/action_create.html",
        {"self_assessment": self_assessment, "standard": standard, "form": form, "back": back},
    )


@self_assessment_editor
@require_POST
def action_update(
    request: HttpRequest, self_assessment: SelfAssessment, action_pk: int
) -> HttpResponse:
    """Mark an action done, or not done after all."""
    action = get_object_or_404(self_assessment.actions, pk=action_pk)
    actions.set_action_done(action=action, is_done=request.POST.get("is_done") == "yes")
    return HttpResponseRedirect(
        _safe_next(request, reverse("standards:self_assessment_summary", args=[self_assessment.pk]))
    )


@self_assessment_viewer
def self_assessment_summary(request: HttpRequest, self_assessment: SelfAssessment) -> HttpResponse:
    """The page for leaders: a rating per standard, open actions, a chart and its table."""
    progress = queries.self_assessment_progress(self_assessment)
    return render(
        request,
        "standards/self_assessment_summary.html",
        {
            "self_assessment": self_assessment,
            "service": self_assessment.service,
            "progress": progress,
            "totals": queries.rating_totals(progress),
            "chart": rating_chart(progress),
            "open_actions": [action for item in progress for action in item.open_actions],
            "can_edit": can_edit(request.user, self_assessment.service.organisation),
        },
    )


@self_assessment_editor
def self_assessment_submit(request: HttpRequest, self_assessment: SelfAssessment) -> HttpResponse:
    if not self_assessment.is_draft:
        return redirect("standards:self_assessment_summary", pk=self_assessment.pk)
    progress = queries.self_assessment_progress(self_assessment)
    unfinished = [item for item in progress if item.status != queries.TaskStatus.COMPLETED]
    if request.method == "POST":
        try:
            actions.submit_self_assessment(self_assessment=self_assessment, person=request.user)
        except actions.SelfAssessmentIncomplete:
            pass  # the page below lists what is left to answer
        else:
            messages.success(request, _("Your self-assessment has been submitted"))
            return redirect("standards:self_assessment_summary", pk=self_assessment.pk)
    return render(
        request,
        "standards/self_assessment_submit.html",
        {"self_assessment": self_assessment, "unfinished": unfinished},
    )


@self_assessment_editor
@require_POST
def self_assessment_publish(request: HttpRequest, self_assessment: SelfAssessment) -> HttpResponse:
    is_published = request.POST.get("publish") == "yes"
    try:
        actions.set_self_assessment_published(
            self_assessment=self_assessment, is_published=is_published
        )
    except actions.SelfAssessmentNotSubmitted:
        messages.error(request, _("Submit the self-assessment before you publish it."))
    else:
        messages.success(
            request,
            _("The self-assessment is now public")
            if is_published
            else _("The self-assessment is now visible only to your organisation and the centre"),
        )
    return redirect("standards:self_assessment_summary", pk=self_assessment.pk)
