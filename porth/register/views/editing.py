"""Editors' journeys: question pages, check your answers, confirmation and retiring."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from porth.core.edits import StaleEdit, creation_token_for, posted_creation_token
from porth.core.permissions import (
    Role,
    organisation_role,
    signed_in,
)
from porth.organisations.models import Organisation

from .. import actions, drafts
from ..forms import (
    SERVICE_STEPS,
    STEPS_BY_SLUG,
    PhaseForm,
    RetireForm,
    StepForm,
    TechnologyForm,
)
from ..models import Service
from ..permissions import service_editor_required
from ..queries import (
    editable_organisations,
    service_added_by_form,
    with_details_read,
)


def _question_page(
    request: HttpRequest,
    *,
    organisation: Organisation,
    key: str,
    step: str,
    step_url: Any,
    check_url: str,
    always_return: bool,
    template: str,
    context: dict[str, Any],
    service: Service | None = None,
) -> HttpResponse:
    """One question page of core's journey: show the draft's answer, or store it and move on."""
    page = drafts.SERVICE_JOURNEY.question(
        request,
        key=key,
        slug=step,
        step_url=step_url,
        check_url=check_url,
        first_back_url=reverse("register:service_list"),
        always_return=always_return,
        organisation=organisation,
        service=service,
    )
    if page is None:
        raise Http404
    if page.redirect_to is not None:
        return redirect(page.redirect_to)
    return render(
        request,
        template,
        {
            **context,
            "form": page.form,
            "step": STEPS_BY_SLUG[step],
            "organisation": organisation,
            "back_url": page.back_url,
            "returning": page.returning,
        },
    )


def _check_answers(
    request: HttpRequest, *, key: str, organisation: Organisation, service: Service | None = None
) -> tuple[dict[str, StepForm], list[type[StepForm]]]:
    """The draft's pages that are answered and valid, and those still to answer."""
    return drafts.SERVICE_JOURNEY.check(
        request.session, key, organisation=organisation, service=service
    )


def _details(forms: dict[str, StepForm], organisation: Organisation) -> actions.ServiceDetails:
    """Turn the answered pages into the action's input; a new product joins the catalogue."""
    values: dict[str, Any] = {}
    for form in forms.values():
        values.update(form.details())
    technology_form = forms[TechnologyForm.slug]
    assert isinstance(technology_form, TechnologyForm)
    new_product = technology_form.new_product()
    if new_product:
        values["technology"] = [
            *values["technology"],
            actions.find_or_add_product(**new_product),
        ]
    return actions.ServiceDetails(**values)


@signed_in
def service_create(request: HttpRequest) -> HttpResponse:
    """Start adding a service: choose the organisation (straight on if there is only one)."""
    organisations = list(editable_organisations(request.user))
    if len(organisations) == 1:
        return redirect("register:service_create_step", slug=organisations[0].slug, step="name")
    return render(request, "register/service_create.html", {"organisations": organisations})


@organisation_role(Role.EDITOR)
def service_create_step(
    request: HttpRequest, organisation: Organisation, step: str
) -> HttpResponse:
    return _question_page(
        request,
        organisation=organisation,
        key=drafts.draft_key(organisation_slug=organisation.slug),
        step=step,
        step_url=lambda slug: reverse(
            "register:service_create_step", kwargs={"slug": organisation.slug, "step": slug}
        ),
        check_url=reverse("register:service_create_check", kwargs={"slug": organisation.slug}),
        always_return=False,
        template="register/service_create_step.html",
        context={},
    )


@organisation_role(Role.EDITOR)
def service_create_check(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    key = drafts.draft_key(organisation_slug=organisation.slug)
    purpose = f"register.service_create:{organisation.pk}"
    token = posted_creation_token(request, purpose) if request.method == "POST" else None
    added = service_added_by_form(token)
    if added is not None:
        # The same form submitted again (a double click, a reload): show what it added.
        drafts.discard(request.session, key)
        return redirect("register:service_create_done", public_id=added.public_id)
    forms, missing = _check_answers(request, key=key, organisation=organisation)
    expired = request.method == "POST" and not missing and token is None
    if request.method == "POST" and not missing and not expired:
        phase_form = forms[PhaseForm.slug]
        service = actions.create_service(
            organisation=organisation,
            details=_details(forms, organisation),
            phase=phase_form.cleaned_data["phase"],
            phase_from=phase_form.cleaned_data["phase_from"],
            created_by=request.user,
            creation_token=token,
        )
        drafts.discard(request.session, key)
        return redirect("register:service_create_done", public_id=service.public_id)
    return render(
        request,
        "register/service_create_check.html",
        {
            "organisation": organisation,
            "creation_token": creation_token_for(request, purpose),
            "expired": expired,
            **_sections(
                forms,
                missing,
                lambda slug: reverse(
                    "register:service_create_step",
                    kwargs={"slug": organisation.slug, "step": slug},
                ),
            ),
        },
    )


def _sections(
    forms: dict[str, StepForm], missing: list[type[StepForm]], step_url: Any
) -> dict[str, Any]:
    """Rows for "Check your answers", each page with its Change link, and what is missing."""
    return {
        "sections": [
            {
                "step": step,
                "rows": forms[step.slug].summary(),
                "change_url": step_url(step.slug) + "?return=check",
            }
            for step in SERVICE_STEPS
            if step not in missing
        ],
        "missing": [{"step": step, "url": step_url(step.slug)} for step in missing],
    }


@service_editor_required
def service_create_done(request: HttpRequest, service: Service) -> HttpResponse:
    return render(request, "register/service_create_done.html", {"service": service})


def _refuse_if_retired(request: HttpRequest, service: Service) -> HttpResponse | None:
    if service.is_retired:
        messages.error(request, _("This service is retired and can no longer be changed."))
        return redirect(service.get_absolute_url())
    return None


def _start_edit(request: HttpRequest, service: Service, key: str) -> None:
    """Take a draft of the service as it is now, remembering which version it was."""
    drafts.start(
        request.session,
        key,
        {step.slug: step.data_from(service) for step in SERVICE_STEPS},
        version=service.version,
    )


def _posted_version(request: HttpRequest, key: str) -> int | None:
    """The version the edit started from: the draft's, or the one the person chose to
    overwrite after seeing what had changed ("Save my version")."""
    posted = request.POST.get("version", "")
    return int(posted) if posted.isdigit() else drafts.version(request.session, key)


@service_editor_required
def service_update(request: HttpRequest, service: Service) -> HttpResponse:
    """Check your answers for an existing service: every answer filled in from the record."""
    refused = _refuse_if_retired(request, service)
    if refused:
        return refused
    key = drafts.draft_key(public_id=service.public_id)
    service = with_details_read(service)
    if request.method == "POST" and "keep_saved" in request.POST:
        drafts.discard(request.session, key)
        messages.success(request, _("Your changes were not saved. This is the service as saved."))
        return redirect(service.get_absolute_url())
    if request.GET.get("start") or not drafts.has_draft(request.session, key):
        _start_edit(request, service, key)
    forms, missing = _check_answers(
        request, key=key, organisation=service.organisation, service=service
    )
    stale = None
    if request.method == "POST" and not missing:
        phase = forms[PhaseForm.slug].cleaned_data
        try:
            actions.update_service(
                service=service,
                details=_details(forms, service.organisation),
                changed_by=request.user,
                version=_posted_version(request, key),
                phase=phase["phase"],
                phase_from=phase["phase_from"],
            )
        except StaleEdit as error:
            stale = error
        except actions.ServiceIsRetired:
            messages.error(request, _("This service is retired and can no longer be changed."))
            return redirect(service.get_absolute_url())
        else:
            drafts.discard(request.session, key)
            messages.success(request, _("Your changes have been saved."))
            return redirect(service.get_absolute_url())
    return render(
        request,
        "register/service_update.html",
        {
            "service": service,
            "stale": stale,
            "version": drafts.version(request.session, key),
            **_sections(
                forms,
                missing,
                lambda slug: reverse(
                    "register:service_update_step",
                    kwargs={"public_id": service.public_id, "step": slug},
                ),
            ),
        },
        status=409 if stale else 200,
    )


@service_editor_required
def service_update_step(request: HttpRequest, service: Service, step: str) -> HttpResponse:
    refused = _refuse_if_retired(request, service)
    if refused:
        return refused
    key = drafts.draft_key(public_id=service.public_id)
    service = with_details_read(service)
    if not drafts.has_draft(request.session, key):
        _start_edit(request, service, key)
    return _question_page(
        request,
        organisation=service.organisation,
        key=key,
        step=step,
        step_url=lambda slug: reverse(
            "register:service_update_step", kwargs={"public_id": service.public_id, "step": slug}
        ),
        check_url=reverse("register:service_update", kwargs={"public_id": service.public_id}),
        always_return=True,
        template="register/service_update_step.html",
        context={"service": service},
        service=service,
    )


@service_editor_required
def service_retire(request: HttpRequest, service: Service) -> HttpResponse:
    refused = _refuse_if_retired(request, service)
    if refused:
        return refused
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.retire_service(
                service=service, retired_on=form.cleaned_data["retired_on"], retired_by=request.user
            )
        except actions.ServiceIsRetired:
            # Retired a moment ago, by a second click or someone else: say so, change nothing.
            messages.error(request, _("This service is retired and can no longer be changed."))
            return redirect(service.get_absolute_url())
        messages.success(request, _("The service has been retired."))
        return redirect(service.get_absolute_url())
    return render(request, "register/service_retire.html", {"service": service, "form": form})
