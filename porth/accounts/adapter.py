"""Hooks into django-allauth: emails in the recipient's own language, invitations after sign-in,
and an authenticator that people who must have one cannot switch off."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from porth.core.language import current_language

from .models import User
from .queries import open_invitation

# Set by the invitation page for someone not yet signed in, so that after they sign up, confirm
# their address and sign in (which can take several visits) they land back on the invitation.
PENDING_INVITATION_SESSION_KEY = "porth_pending_invitation"


def _language_of(email: str) -> str:
    """The recorded language of whoever owns `email` (any of their addresses), or the page's
    language for a stranger."""
    person = (
        User.objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .only("preferred_language")
        .first()
    )
    return person.preferred_language if person else current_language()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language someone signs up in is their first recorded preference; they can change
        # it on their account page.
        user.preferred_language = current_language()
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix, email, context):
        with translation.override(_language_of(email)):
            super().send_mail(template_prefix, email, context)

    # The three emails below carry a link to one of our pages. The link is built before
    # send_mail() is called, so the language is switched early enough for the link to open the
    # page in the same language as the email.

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        with translation.override(_language_of(emailconfirmation.email_address.email)):
            super().send_confirmation_mail(request, emailconfirmation, signup)

    def send_password_reset_mail(self, user, email, context):
        with translation.override(user.preferred_language):
            context["password_reset_url"] = self.get_reset_password_from_key_url(
                f"{context['uid']}-{context['key']}"
            )
            super().send_password_reset_mail(user, email, context)

    def send_account_already_exists_mail(self, email):
        with translation.override(_language_of(email)):
            super().send_account_already_exists_mail(email)

    def get_logout_redirect_url(self, request):
        # The home page in the language being read, not "/" (which picks by cookie and browser).
        return f"/{current_language()}/"

    def get_login_redirect_url(self, request):
        token = request.session.pop(PENDING_INVITATION_SESSION_KEY, None)
        if token and open_invitation(token):
            return reverse("accounts:invitation_detail", kwargs={"token": token})
        return super().get_login_redirect_url(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Centre staff and organisation admins must keep their authenticator app."""
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.needs_two_factor:
            return False
        return super().can_delete_authenticator(authenticator)
