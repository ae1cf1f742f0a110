"""Pages for a signed-in person (their account and preferences), for organisation admins (their
organisation's people) and for someone following an invitation link."""

from allauth.account import views as allauth_views
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from porth.core import audit
from porth.core.language import current_language
from porth.core.permissions import (
    Role,
    can_administer,
    is_centre_staff,
    organisation_role,
    public,
    signed_in,
)
from porth.core.ratelimit import limit_request, refusal_message
from porth.organisations.models import Organisation
from porth.organisations.queries import organisations_for_list

from . import actions
from .adapter import PENDING_INVITATION_SESSION_KEY
from .forms import InvitationForm, PreferenceForm, RoleForm
from .models import Invitation, Membership
from .queries import members_of, memberships_of, open_invitations_to

# The audit entries the people page's history shows: memberships, invitations, the body itself.
PEOPLE_ACTIONS = ("accounts.", "organisations.")


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships_of(request.user),
            "is_centre_staff": is_centre_staff(request.user),
            # Centre staff manage every organisation, not only their own.
            "all_organisations": organisations_for_list()
            if is_centre_staff(request.user)
            else None,
        },
    )


@signed_in
def preference_update(request: HttpRequest) -> HttpResponse:
    person = request.user
    form = PreferenceForm(
        request.POST or None,
        initial={"full_name": person.full_name, "preferred_language": person.preferred_language},
    )
    if request.method == "POST" and form.is_valid():
        actions.update_preferences(person=person, **form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/preference_update.html", {"form": form})


@organisation_role(Role.ADMIN)
def person_list(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return render(
        request,
        "accounts/person_list.html",
        {
            "organisation": organisation,
            "memberships": members_of(organisation),
            "invitations": open_invitations_to(organisation),
        },
    )


@organisation_role(Role.ADMIN)
def person_history(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """Who joined, was invited, changed role or was removed, and who did it: for admins."""
    entries = audit.entries_for_organisation(organisation, PEOPLE_ACTIONS)
    return render(
        request,
        "accounts/person_history.html",
        {
            "organisation": organisation,
            "page": audit.timeline_page(entries, request.GET.get("page")),
        },
    )


@organisation_role(Role.ADMIN)
def invitation_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = InvitationForm(request.POST or None, initial={"language": current_language()})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_person(
                organisation=organisation, invited_by=request.user, **form.cleaned_data
            )
        except actions.AlreadyMember:
            form.add_error("email", _("This person is already a member of this organisation"))
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:person_list", slug=organisation.slug)
    return render(
        request, "accounts/invitation_create.html", {"organisation": organisation, "form": form}
    )


def _membership_in(organisation: Organisation, membership_id: int) -> Membership:
    # Looked up within the organisation the decorator checked, never by id alone.
    return get_object_or_404(
        Membership.objects.select_related("person", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )


def _after_change(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    # Someone who has just stepped down as admin can no longer see the people page.
    if can_administer(request.user, organisation):
        return redirect("accounts:person_list", slug=organisation.slug)
    return redirect("accounts:dashboard")


@organisation_role(Role.ADMIN)
def membership_update(
    request: HttpRequest, organisation: Organisation, membership_id: int
) -> HttpResponse:
    membership = _membership_in(organisation, membership_id)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_role(
                membership=membership, role=form.cleaned_data["role"], changed_by=request.user
            )
        except actions.LastAdminCannotLeave:
            form.add_error(
                "role",
                _(
                    "This person is the organisation’s only admin. Make someone else an admin "
                    "before you change their role"
                ),
            )
        else:
            messages.success(
                request,
                _("Role changed for %(person)s.") % {"person": membership.person},
            )
            return _after_change(request, organisation)
    return render(
        request,
        "accounts/membership_update.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@organisation_role(Role.ADMIN)
def membership_delete(
    request: HttpRequest, organisation: Organisation, membership_id: int
) -> HttpResponse:
    membership = _membership_in(organisation, membership_id)
    error = None
    if request.method == "POST":
        try:
            actions.remove_membership(membership=membership, removed_by=request.user)
        except actions.LastAdminCannotLeave:
            error = _(
                "This person is the organisation’s only admin. Make someone else an admin "
                "before you remove them"
            )
        else:
            messages.success(
                request,
                _("%(person)s has been removed from %(organisation)s.")
                % {"person": membership.person, "organisation": organisation.name},
            )
            return _after_change(request, organisation)
    return render(
        request,
        "accounts/membership_delete.html",
        {"organisation": organisation, "membership": membership, "error": error},
    )


@public
def invitation_detail(request: HttpRequest, token: str) -> HttpResponse:
    """What the invitation offers, and how to accept it, whoever follows the link.

    Public because the invited person may have no account yet; the token is the secret.
    """
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    person = request.user
    if not person.is_authenticated and invitation.is_open:
        request.session[PENDING_INVITATION_SESSION_KEY] = token
    come_back = urlencode({"next": request.path})
    context = {
        "invitation": invitation,
        "sign_in_url": f"{reverse('account_login')}?{come_back}",
        "sign_up_url": (
            f"{reverse('account_signup')}?{urlencode({'email': invitation.email})}&{come_back}"
        ),
        "is_for_this_person": person.is_authenticated
        and person.email.lower() == invitation.email.lower(),
        "is_member": person.is_authenticated
        and person.memberships.filter(organisation=invitation.organisation).exists(),
    }
    return render(request, "accounts/invitation_detail.html", context)


@signed_in
@require_POST
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    try:
        actions.accept_invitation(invitation=invitation, person=request.user)
    except (
        actions.InvitationExpired,
        actions.InvitationAlreadyUsed,
        actions.InvitationForSomeoneElse,
        actions.AlreadyMember,
    ):
        # The invitation page explains each of these.
        return redirect("accounts:invitation_detail", token=token)
    request.session.pop(PENDING_INVITATION_SESSION_KEY, None)
    messages.success(
        request,
        _("You are now a member of %(organisation)s.")
        % {"organisation": invitation.organisation.name},
    )
    return redirect("accounts:dashboard")


# --- Sign-up and password reset, counted per address as well as allauth's own limits ----------
# allauth limits these per address too (ACCOUNT_RATE_LIMITS), but answers a refusal with a bare
# 429 page that loses what was typed. Ours refuse earlier and show the form again, filled in,
# with a message saying how long to wait (docs/adr/0023-rate-limits.md).
SIGN_UP_RATE = "10/h"
PASSWORD_RESET_RATE = "10/h"


class _LimitedFormMixin:
    """Count each submission; past the rate, show the form again (with what was typed) and 429."""

    rate_action = ""
    rate = ""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        wait = limit_request(request, self.rate_action, self.rate)
        if not wait:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()  # so the other problems with the answers are shown too
        form.add_error(None, refusal_message(wait))
        return self.render_to_response(self.get_context_data(form=form), status=429)


class SignUpView(_LimitedFormMixin, allauth_views.SignupView):
    rate_action = "sign_up"
    rate = SIGN_UP_RATE


class PasswordResetView(_LimitedFormMixin, allauth_views.PasswordResetView):
    rate_action = "password_reset"
    rate = PASSWORD_RESET_RATE


sign_up = public(SignUpView.as_view())
password_reset = public(PasswordResetView.as_view())
