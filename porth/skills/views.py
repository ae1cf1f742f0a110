"""Pages of the skills app: a person's own self-assessment and its result, aggregates of five
or more people, organisations not in the list, and an organisation's capability self-assessment.
Thin: each checks permission (one decorator), calls a form, an action or a query, renders."""

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from porth.core.permissions import (
    Role,
    centre_staff_only,
    is_centre_staff,
    organisation_role,
    public,
    signed_in,
)
from porth.organisations.actions import OrganisationAlreadyListed

from . import actions, queries
from .forms import (
    AddOrganisationForm,
    CapabilityForm,
    ContextForm,
    OrganisationRequestForm,
    RatingsForm,
)
from .framework import current, framework
from .permissions import organisation_request_reviewer, own_assessment


@public
def skills_index(request: HttpRequest) -> HttpResponse:
    """What the self-assessment is; for a signed-in person, their own assessments too."""
    signed = request.user.is_authenticated
    return render(
        request,
        "skills/skills_index.html",
        {
            "framework": current(),
            "assessments": list(queries.assessments_of(request.user)) if signed else [],
            "requests": list(queries.organisation_requests_of(request.user)) if signed else [],
            "is_centre_staff": is_centre_staff(request.user),
        },
    )


@public
def framework_detail(request: HttpRequest) -> HttpResponse:
    version = current()
    groups = {}
    for skill in version.skills.values():
        groups.setdefault(skill.group, []).append(skill)
    return render(
        request,
        "skills/framework_detail.html",
        {"framework": version, "groups": groups},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest) -> HttpResponse:
    version = current()
    unfinished = queries.unfinished_assessment_of(request.user)
    form = ContextForm(request.POST if request.method == "POST" else None, framework=version)
    if request.method == "POST" and unfinished is None and form.is_valid():
        try:
            assessment = actions.start_skills_assessment(
                person=request.user, context=form.cleaned_data["context"]
            )
        except actions.AssessmentInProgress as error:
            return redirect("skills:assessment_update", pk=error.assessment.pk)
        return redirect("skills:assessment_update", pk=assessment.pk)
    return render(
        request,
        "skills/assessment_start.html",
        {"form": form, "framework": version, "unfinished": unfinished},
    )


@own_assessment
@require_http_methods(["GET", "POST"])
def assessment_update(request: HttpRequest, assessment) -> HttpResponse:
    """The questions: save and come back later, or finish and see the result."""
    if assessment.is_complete:
        return redirect("skills:assessment_result", pk=assessment.pk)
    version = framework(assessment.framework_version)
    context = version.contexts[assessment.context]
    finish = request.method == "POST" and "finish" in request.POST
    if request.method == "POST":
        form = RatingsForm(request.POST, framework=version, context=context, finish=finish)
        if form.is_valid():
            actions.save_skill_ratings(
                assessment=assessment, ratings=form.ratings(), person=request.user, finish=finish
            )
            if finish:
                return redirect("skills:assessment_result", pk=assessment.pk)
            messages.success(
                request, _("Your answers are saved. You can come back and finish at any time.")
            )
            return redirect("skills:skills_index")
    else:
        initial = {code: str(level) for code, level in queries.ratings_of(assessment).items()}
        form = RatingsForm(initial=initial, framework=version, context=context)
    return render(
        request,
        "skills/assessment_update.html",
        {"form": form, "assessment": assessment, "context": context, "framework": version},
    )


@own_assessment
def assessment_result(request: HttpRequest, assessment) -> HttpResponse:
    if not assessment.is_complete:
        return redirect("skills:assessment_update", pk=assessment.pk)
    return render(
        request,
        "skills/assessment_result.html",
        {"result": queries.result_for(assessment), "assessment": assessment},
    )


@own_assessment
@require_http_methods(["GET", "POST"])
def assessment_delete(request: HttpRequest, assessment) -> HttpResponse:
    if request.method == "POST":
        actions.delete_skills_assessment(assessment=assessment, person=request.user)
        messages.success(request, _("Your self-assessment and its answers have been deleted."))
        return redirect("skills:skills_index")
    return render(
        request,
        "skills/assessment_delete.html",
        {"assessment": assessment, "context": queries.context_of(assessment)},
    )


@signed_in
def assessment_download(request: HttpRequest) -> HttpResponse:
    """All of the person's own answers as CSV, headed in the language they are reading."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"porth-my-skills-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Started"),
            _("Finished"),
            _("Context"),
            _("Skill"),
            _("Skill code"),
            _("Level"),
            _("Level number"),
            _("Framework version"),
        ]
    )
    writer.writerows(queries.download_rows(request.user))
    return response


@organisation_role(Role.ADMIN)
def organisation_aggregate(request: HttpRequest, organisation) -> HttpResponse:
    return render(
        request,
        "skills/organisation_aggregate.html",
        {
            "organisation": organisation,
            "aggregate": queries.organisation_aggregate(organisation),
            "minimum": queries.MINIMUM_PEOPLE,
        },
    )


@centre_staff_only
def sector_aggregate(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/sector_aggregate.html",
        {"sectors": queries.sector_aggregates(), "minimum": queries.MINIMUM_PEOPLE},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def organisation_request_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.request_organisation(
            person=request.user,
            name=form.cleaned_data["name"],
            website=form.cleaned_data["website"],
        )
        messages.success(
            request,
            _("Thank you. Centre staff will check the organisation and add it to the list."),
        )
        return redirect("skills:skills_index")
    return render(request, "skills/organisation_request_create.html", {"form": form})


@centre_staff_only
def organisation_request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/organisation_request_list.html",
        {"requests": list(queries.waiting_organisation_requests())},
    )


@organisation_request_reviewer
@require_http_methods(["GET", "POST"])
def organisation_request_review(request: HttpRequest, organisation_request) -> HttpResponse:
    """Add the organisation with its names and type, or decline it."""
    waiting = organisation_request.status == "waiting"
    form = AddOrganisationForm(
        request.POST if request.method == "POST" and "decline" not in request.POST else None,
        initial={"name_en": organisation_request.name, "website": organisation_request.website},
    )
    error = ""
    if request.method == "POST" and waiting:
        try:
            if "decline" in request.POST:
                actions.decline_organisation_request(request=organisation_request, by=request.user)
                messages.success(request, _("The organisation has not been added."))
                return redirect("skills:organisation_request_list")
            if form.is_valid():
                organisation = actions.add_requested_organisation(
                    request=organisation_request, by=request.user, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("%(name)s has been added to the list of organisations.")
                    % {"name": organisation.name},
                )
                return redirect("skills:organisation_request_list")
        except OrganisationAlreadyListed:
            error = _("An organisation with this name in English is already in the list")
        except actions.RequestAlreadyReviewed:
            waiting = False
    return render(
        request,
        "skills/organisation_request_review.html",
        {
            "organisation_request": organisation_request,
            "form": form,
            "error": error,
            "waiting": waiting,
        },
    )


@organisation_role(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def capability_update(request: HttpRequest, organisation) -> HttpResponse:
    """This year's digital capability self-assessment, filled in by the body's admins."""
    version = current()
    year = timezone.localdate().year
    if request.method == "POST":
        form = CapabilityForm(request.POST, framework=version)
        if form.is_valid():
            actions.save_capability_assessment(
                organisation=organisation,
                year=year,
                answers=[
                    actions.AreaAnswer(area=area, level=level, evidence=evidence)
                    for area, level, evidence in form.answers()
                ],
                by=request.user,
            )
            messages.success(
                request,
                _("The digital capability self-assessment for %(year)s is saved.") % {"year": year},
            )
            return redirect("organisations:organisation_detail", slug=organisation.slug)
    else:
        saved = queries.capability_assessment_for(organisation, year)
        initial = {}
        if saved:
            for rating in saved.ratings.all():
                initial[f"{rating.area}-level"] = str(rating.level)
                initial[f"{rating.area}-evidence"] = rating.evidence
        form = CapabilityForm(initial=initial, framework=version)
    return render(
        request,
        "skills/capability_update.html",
        {"organisation": organisation, "form": form, "year": year, "framework": version},
    )
