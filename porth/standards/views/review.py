"""Peer review pages: asking for a review, triage and panel, the report, the response, the list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core import audit
from porth.core.edits import StaleEdit, creation_token_for, posted_creation_token
from porth.core.feeds import FeedEntry, atom_response
from porth.core.licence import LICENCE
from porth.core.permissions import can_edit, centre_staff_only, is_centre_staff, public, signed_in
from porth.organisations.models import Organisation
from porth.register.models import Service
from porth.register.permissions import service_editor_required

from .. import actions, queries
from ..forms import (
    AssessorProfileForm,
    ChallengeDecisionForm,
    PanelForm,
    RecommendationForm,
    ReportSubmitForm,
    ReviewRequestForm,
    ReviewResponseForm,
    ReviewTriageForm,
    StandardOutcomeForm,
)
from ..models import Assessor, Review, ReviewStatus
from ..permissions import is_on_panel, review_editor, review_panel_member, review_viewer
from .self_assessment import SERVICE_PHASE_TO_CHECKLIST, expired_message, posted_version


def conflict_message(refused: actions.AssessorConflicted) -> str:
    """Why the centre may not put this assessor on the panel, naming them, for the form."""
    conflict = refused.conflict
    values = {"name": refused.assessor, "organisation": conflict.organisation}
    if conflict.kind == queries.ConflictKind.ROLE_IN_BODY:
        return (
            _(
                "%(name)s cannot be on this panel: they have a role in %(organisation)s, "
                "whose service is being reviewed"
            )
            % values
        )
    if conflict.kind == queries.ConflictKind.ROLE_IN_PARTNER:
        return (
            _(
                "%(name)s cannot be on this panel: they have a role in %(organisation)s, a "
                "partner in this service"
            )
            % values
        )
    if conflict.kind == queries.ConflictKind.WORKED_ON_SERVICE:
        return (
            _("%(name)s cannot be on this panel: they have worked on this service for its team")
            % values
        )
    return _("%(name)s has a conflict of interest with this organisation") % values


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _back(review: Review) -> str:
    return reverse("standards:review_detail", args=[review.pk])


@public
def review_report_list(request: HttpRequest) -> HttpResponse:
    """Published review reports, searchable and filterable."""
    filters = queries.report_filters(request.GET)
    return render(
        request,
        "standards/review_report_list.html",
        {
            "reports": queries.published_reports(filters),
            "filters": filters,
            "choices": queries.report_filter_choices(),
            "licence": LICENCE,
        },
    )


FEED_LENGTH = 50


@public
def review_report_feed(request: HttpRequest) -> HttpResponse:
    """An Atom feed of the latest published review reports, in the reader's language."""
    reports = queries.published_reports(queries.report_filters(request.GET))[:FEED_LENGTH]
    entries = [
        FeedEntry(
            title=f"{report.service.name} – {report.service.organisation.name}",
            path=reverse("standards:review_detail", args=[report.pk]),
            summary=report.summary,
            published=report.published_at,
        )
        for report in reports
    ]
    return atom_response(request, title=_("Porth: published review reports"), entries=entries)


@review_viewer
def review_detail(request: HttpRequest, review: Review) -> HttpResponse:
    """The request, its timeline and, once sent to the team, the report."""
    user = request.user
    is_team = can_edit(user, review.service.organisation)
    on_panel = is_on_panel(user, review)
    # The one rule for reports (queries.reports_visible_to): the panel's own draft, the team's
    # editors and centre staff once it is sent, everyone once it is published.
    sees_report = queries.can_see_report(user, review)
    return render(
        request,
        "standards/review_detail.html",
        {
            "review": review,
            "timeline": queries.review_timeline(review),
            "working_days": queries.working_days_so_far(review),
            "panel": review.panel.select_related("assessor__person"),
            "outcomes": queries.review_outcomes(review) if sees_report else [],
            "recommendations": review.recommendations.select_related("standard")
            if sees_report
            else [],
            "sees_report": sees_report,
            "report_visible": sees_report and review.status in queries.SENT_TO_THE_TEAM,
            "is_team": is_team,
            # Whoever wrote the report does not answer for the team too.
            "may_respond": is_team and not on_panel,
            "on_panel": on_panel,
            "is_lead": on_panel
            and review.panel.filter(assessor__person=user, is_lead=True).exists(),
            "is_centre_staff": is_centre_staff(user),
        },
    )


@service_editor_required
def review_create(request: HttpRequest, service: Service) -> HttpResponse:
    initial = {"phase": SERVICE_PHASE_TO_CHECKLIST.get(service.phase, "live")}
    form = ReviewRequestForm(_posted(request), initial=initial)
    purpose = f"standards.review_create:{service.pk}"
    token = posted_creation_token(request, purpose) if request.method == "POST" else None
    if request.method == "POST" and form.is_valid() and token is None:
        form.add_error(None, expired_message())
    elif request.method == "POST" and form.is_valid():
        try:
            review = actions.request_review(
                service=service,
                phase=form.cleaned_data["phase"],
                preferred_dates=form.cleaned_data["preferred_dates"],
                person=request.user,
                creation_token=token,
            )
        except actions.ReviewAlreadyOpen:
            form.add_error(None, _("This service already has a review in progress."))
        except actions.NoCurrentStandards:
            form.add_error(None, _("The standards have not been loaded yet."))
        else:
            messages.success(request, _("Your request has been sent to the centre"))
            return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/review_create.html",
        {
            "service": service,
            "form": form,
            "back_url": service.get_absolute_url(),
            "creation_token": creation_token_for(request, purpose),
        },
    )


@review_editor
def review_respond(request: HttpRequest, review: Review) -> HttpResponse:
    if review.status != ReviewStatus.REPORTED:
        return redirect("standards:review_detail", pk=review.pk)
    form = ReviewResponseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["response"] == "accept"
        try:
            actions.respond_to_report(
                review=review,
                accept=accept,
                reason=form.cleaned_data["reason"],
                person=request.user,
            )
        except actions.ReportAuthorMayNotRespond:
            form.add_error(
                None,
                _(
                    "You are on this review's panel, so someone else in your organisation "
                    "must accept or challenge the report."
                ),
            )
        else:
            messages.success(
                request,
                _("The report is accepted and published")
                if accept
                else _("Your challenge has been sent to the centre"),
            )
            return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/review_respond.html",
        {"review": review, "form": form, "back_url": _back(review)},
    )


@review_editor
@require_POST
def recommendation_update(
    request: HttpRequest, review: Review, recommendation_pk: int
) -> HttpResponse:
    """The team marks a recommendation done (or not) as it follows the report up."""
    if not queries.can_see_report(request.user, review):
        raise Http404
    recommendation = get_object_or_404(review.recommendations, pk=recommendation_pk)
    actions.set_recommendation_done(
        recommendation=recommendation,
        is_done=request.POST.get("is_done") == "yes",
        by=request.user,
    )
    return redirect("standards:review_detail", pk=review.pk)


# --- Centre staff -------------------------------------------------------------------------------


@centre_staff_only
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "standards/review_queue.html", {"reviews": queries.review_queue()})


@centre_staff_only
def review_triage(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("service"), pk=pk)
    form = ReviewTriageForm(
        _posted(request),
        initial={"review_type": review.review_type} if review.review_type else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.triage_review(
                review=review,
                review_type=form.cleaned_data["review_type"],
                review_date=form.cleaned_data["review_date"],
                by=request.user,
            )
        except actions.WrongReviewStep:
            form.add_error(None, _("This review has gone past triage."))
        else:
            messages.success(request, _("The review has been triaged"))
            return redirect("standards:review_panel_update", pk=review.pk)
    return render(
        request,
        "standards/review_triage.html",
        {"review": review, "form": form, "back_url": _back(review)},
    )


@centre_staff_only
def review_panel_update(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("service__organisation"), pk=pk)
    options = queries.assessor_choices(review)
    choices = [(str(option["assessor"].pk), str(option["assessor"])) for option in options]
    current = list(review.panel.values_list("assessor_id", "is_lead"))
    form = PanelForm(
        _posted(request),
        choices=choices,
        initial={
            "assessors": [str(pk) for pk, _lead in current],
            "lead": next((str(pk) for pk, lead in current if lead), None),
        },
    )
    if request.method == "POST" and form.is_valid():
        assessors = {
            str(a.pk): a for a in Assessor.objects.filter(pk__in=form.cleaned_data["assessors"])
        }
        try:
            actions.assign_panel(
                review=review,
                assessors=list(assessors.values()),
                lead=assessors[form.cleaned_data["lead"]],
                by=request.user,
            )
        except actions.AssessorConflicted as refused:
            form.add_error("assessors", conflict_message(refused))
        except actions.PanelInvalid:
            form.add_error("assessors", _("A full panel review needs at least 3 assessors"))
        except actions.WrongReviewStep:
            form.add_error(None, _("Triage the review before you choose the panel."))
        else:
            messages.success(request, _("The panel has been told"))
            return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/review_panel_update.html",
        {"review": review, "form": form, "options": options, "back_url": _back(review)},
    )


@centre_staff_only
def review_challenge_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("service"), pk=pk)
    if review.status != ReviewStatus.CHALLENGED:
        return redirect("standards:review_detail", pk=review.pk)
    form = ChallengeDecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.resolve_challenge(
                review=review,
                uphold_report=form.cleaned_data["decision"] == "uphold",
                person=request.user,
            )
        except actions.ReportAuthorMayNotRespond:
            form.add_error(
                None, _("You were on this review's panel, so another member of staff decides.")
            )
        else:
            messages.success(request, _("Your decision has been recorded"))
            return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/review_challenge_resolve.html",
        {"review": review, "form": form, "back_url": _back(review)},
    )


# --- The panel ---------------------------------------------------------------------------------


@review_panel_member
def review_outcome_update(request: HttpRequest, review: Review, number: int) -> HttpResponse:
    standard = get_object_or_404(review.standard_set.standards, number=number)
    if review.status != ReviewStatus.IN_REVIEW:
        return redirect("standards:review_detail", pk=review.pk)
    existing = review.outcomes.filter(standard=standard).first()
    initial = (
        {
            field: getattr(existing, field)
            for field in (
                "rating",
                "went_well_en",
                "went_well_cy",
                "to_improve_en",
                "to_improve_cy",
            )
        }
        if existing
        else None
    )
    form = StandardOutcomeForm(_posted(request), initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_standard_outcome(
                review=review,
                standard=standard,
                person=request.user,
                version=posted_version(request),
                **form.cleaned_data,
            )
        except StaleEdit as error:
            stale = error
        else:
            messages.success(
                request,
                _("The outcome for standard %(number)s has been saved") % {"number": number},
            )
            return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/review_outcome_update.html",
        {
            "review": review,
            "standard": standard,
            "form": form,
            "back_url": _back(review),
            "stale": stale,
            # Kept from the page as first opened until the person has seen what changed.
            "version": stale.version if stale else (posted_version(request) or review.version),
        },
        status=409 if stale else 200,
    )


@review_panel_member
def recommendation_create(request: HttpRequest, review: Review) -> HttpResponse:
    if review.status != ReviewStatus.IN_REVIEW:
        return redirect("standards:review_detail", pk=review.pk)
    standards = list(review.standard_set.standards.order_by("number"))
    form = RecommendationForm(_posted(request), standards=standards)
    purpose = f"standards.recommendation_create:{review.pk}"
    token = posted_creation_token(request, purpose) if request.method == "POST" else None
    if request.method == "POST" and form.is_valid() and token is None:
        form.add_error(None, expired_message())
    elif request.method == "POST" and form.is_valid():
        actions.add_recommendation(
            review=review,
            standard=next(s for s in standards if s.number == form.cleaned_data["standard"]),
            text_en=form.cleaned_data["text_en"],
            text_cy=form.cleaned_data["text_cy"],
            due_on=form.cleaned_data["due_on"],
            person=request.user,
            creation_token=token,
        )
        messages.success(request, _("The recommendation has been added"))
        return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/recommendation_create.html",
        {
            "review": review,
            "form": form,
            "back_url": _back(review),
            "creation_token": creation_token_for(request, purpose),
        },
    )


@review_panel_member
def review_report_submit(request: HttpRequest, review: Review) -> HttpResponse:
    """The lead assessor sends the report to the team."""
    if not review.panel.filter(assessor__person=request.user, is_lead=True).exists():
        raise PermissionDenied
    if review.status != ReviewStatus.IN_REVIEW:
        return redirect("standards:review_detail", pk=review.pk)
    progress = queries.panel_progress(review)
    missing = [item["standard"] for item in progress if item["outcome"] is None]
    form = ReportSubmitForm(
        _posted(request),
        initial={
            "outcome": review.outcome,
            "summary_en": review.summary_en,
            "summary_cy": review.summary_cy,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_report(review=review, person=request.user, **form.cleaned_data)
        except actions.ReportIncomplete:
            form.add_error(None, _("Give an outcome for every standard before you submit."))
        except actions.AssessorConflicted as refused:
            form.add_error(None, conflict_message(refused))
        except actions.WrongReviewStep:
            # Submitted a moment ago (a double click): the report is with the team already.
            return redirect("standards:review_detail", pk=review.pk)
        else:
            messages.success(request, _("The report has been sent to the team"))
            return redirect("standards:review_detail", pk=review.pk)
    return render(
        request,
        "standards/review_report_submit.html",
        {"review": review, "form": form, "missing": missing, "back_url": _back(review)},
    )


# --- Assessors ---------------------------------------------------------------------------------


@signed_in
def assessor_profile_update(request: HttpRequest) -> HttpResponse:
    """Assessors keep their own disciplines, Welsh and conflicts of interest up to date."""
    assessor = Assessor.objects.filter(person=request.user).first()
    if assessor is None:
        raise Http404
    form = AssessorProfileForm(
        _posted(request),
        organisations=Organisation.objects.order_by("name_en"),
        initial={
            "disciplines": assessor.disciplines,
            "works_in_welsh": assessor.works_in_welsh,
            "conflicts": [conflict.organisation_id for conflict in assessor.conflicts.all()],
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.update_assessor_profile(
            assessor=assessor,
            disciplines=form.cleaned_data["disciplines"],
            works_in_welsh=form.cleaned_data["works_in_welsh"],
            conflicts=list(form.cleaned_data["conflicts"]),
            by=request.user,
        )
        messages.success(request, _("Your assessor details have been saved"))
        return redirect("standards:assessor_profile_update")
    return render(
        request,
        "standards/assessor_profile_update.html",
        {
            "assessor": assessor,
            "form": form,
            "reviews": queries.reviews_for_person(request.user),
            "back_url": reverse("accounts:dashboard"),
        },
    )


# The panel's drafting steps, and the review steps before the report goes to the team.
PANEL_DRAFTS = ("standards.record_standard_outcome", "standards.add_recommendation")
PANEL_AT_WORK = (ReviewStatus.REQUESTED, ReviewStatus.TRIAGED, ReviewStatus.IN_REVIEW)


@review_editor
def review_history(request: HttpRequest, review: Review) -> HttpResponse:
    """Who changed the review and its report, and when: for the body's editors and centre
    staff. The panel sees the report itself, not this log. While the panel is still writing,
    the body does not see its drafts here either, as on the review page."""
    entries = audit.entries_for(review)
    if review.status in PANEL_AT_WORK and not is_centre_staff(request.user):
        entries = entries.exclude(action__in=PANEL_DRAFTS)
    page = audit.timeline_page(entries, request.GET.get("page"))
    return render(request, "standards/review_history.html", {"review": review, "page": page})
