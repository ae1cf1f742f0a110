"""Self-assessment pages: start, the task list, one standard's checklist, actions, summary."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core import audit
from porth.core.charts import StackedBarChart, stacked_bar_chart
from porth.core.edits import StaleEdit, creation_token_for, posted_creation_token
from porth.core.permissions import can_edit, public, signed_in
from porth.register.models import Phase as ServicePhase
from porth.register.models import Service
from porth.register.permissions import service_editor_required

from .. import actions, queries
from ..forms import ActionForm, AnswerForm, SelfAssessmentStartForm
from ..models import Phase, Rating, SelfAssessment
from ..permissions import self_assessment_editor, self_assessment_viewer
from ..queries import StandardProgress

UNANSWERED = "unanswered"


def expired_message() -> str:
    """For a create form that came back without its one-time token (docs/adr/0018)."""
    return _("This page had expired, so nothing was saved. Check your answers and try again.")


def posted_version(request: HttpRequest) -> int | None:
    """The version of the record the edit page was opened at (its hidden `version` field)."""
    posted = request.POST.get("version", "")
    return int(posted) if posted.isdigit() else None


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
    """Start the service's draft; a repeated submit, or a draft already open, goes to it."""
    initial = {"phase": SERVICE_PHASE_TO_CHECKLIST.get(service.phase, Phase.LIVE)}
    form = SelfAssessmentStartForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    purpose = f"standards.self_assessment_create:{service.pk}"
    if request.method == "POST" and form.is_valid():
        token = posted_creation_token(request, purpose)
        if token is None:
            form.add_error(None, expired_message())
        else:
            try:
                self_assessment = actions.start_self_assessment(
                    service=service,
                    phase=form.cleaned_data["phase"],
                    person=request.user,
                    creation_token=token,
                )
            except actions.NoCurrentStandards:
                form.add_error(None, _("The standards have not been loaded yet."))
            else:
                if self_assessment.creation_token != token:
                    messages.info(
                        request,
                        _(
                            "This service already has a self-assessment in progress. "
                            "Carry on with it, or submit it before you start another."
                        ),
                    )
                return redirect("standards:self_assessment_tasks", pk=self_assessment.pk)
    return render(
        request,
        "standards/self_assessment_create.html",
        {
            "service": service,
            "form": form,
            "creation_token": creation_token_for(request, purpose),
        },
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
    stale = None
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            actions.save_answers(
                self_assessment=self_assessment,
                answers=[
                    actions.AnswerInput(criterion=form.criterion, **form.cleaned_data)
                    for form in forms
                ],
                version=posted_version(request),
                by=request.user,
            )
        except StaleEdit as error:
            stale = error
        else:
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
            "stale": stale,
            # Kept from the page as first opened until the person has seen what changed.
            "version": stale.version
            if stale
            else (posted_version(request) or self_assessment.version),
        },
        status=409 if stale else 200,
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
    purpose = f"standards.action_create:{self_assessment.pk}:{number}"
    if request.method == "POST" and form.is_valid():
        token = posted_creation_token(request, purpose)
        if token is None:
            form.add_error(None, expired_message())
        else:
            actions.add_action(
                self_assessment=self_assessment,
                standard=standard,
                description=form.cleaned_data["description"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                creation_token=token,
                by=request.user,
            )
            messages.success(request, _("The action has been added"))
            return HttpResponseRedirect(back)
    return render(
        request,
        "standards/action_create.html",
        {
            "self_assessment": self_assessment,
            "standard": standard,
            "form": form,
            "back": back,
            "creation_token": creation_token_for(request, purpose),
        },
    )


@self_assessment_editor
@require_POST
def action_update(
    request: HttpRequest, self_assessment: SelfAssessment, action_pk: int
) -> HttpResponse:
    """Mark an action done, or not done after all."""
    action = get_object_or_404(self_assessment.actions, pk=action_pk)
    actions.set_action_done(
        action=action, is_done=request.POST.get("is_done") == "yes", by=request.user
    )
    return HttpResponseRedirect(
        _safe_next(request, reverse("standards:self_assessment_summary", args=[self_assessment.pk]))
    )


def rating_chart(progress: list[StandardProgress]) -> StackedBarChart:
    """A self-assessment for core's stacked bars: each standard's criteria by their answer."""
    rows = []
    for item in progress:
        counts = dict(item.counts)
        counts[UNANSWERED] = len(item.criteria) - item.answered_count
        rows.append((str(item.standard.number), counts))
    return stacked_bar_chart(rows, [*Rating.values, UNANSWERED])


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
            self_assessment=self_assessment, is_published=is_published, by=request.user
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


@self_assessment_editor
def self_assessment_history(request: HttpRequest, self_assessment: SelfAssessment) -> HttpResponse:
    """Who changed what and when: for the body's editors and centre staff only."""
    page = audit.timeline_page(audit.entries_for(self_assessment), request.GET.get("page"))
    return render(
        request,
        "standards/self_assessment_history.html",
        {"self_assessment": self_assessment, "page": page},
    )
