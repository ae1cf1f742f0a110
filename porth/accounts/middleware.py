"""Make two-factor authentication compulsory for the people who can change most."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

# Pages a person must still reach before they have an authenticator: setting one up (which may
# ask for their password again), their recovery codes, signing out and the health check.
SET_UP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "healthz",
    }
)


class TwoFactorRequiredMiddleware:
    """Send centre staff and organisation admins without an authenticator app to set one up.

    allauth asks for a code at sign-in only once someone has an authenticator; this closes the
    gap for the people who must have one (User.needs_two_factor), whatever page they ask for,
    the Wagtail admin included. Goes after AuthenticationMiddleware. PORTH_REQUIRE_TWO_FACTOR
    is off only in the test settings, so that tests about other things can sign in admins
    without an authenticator; porth/accounts/tests/test_two_factor.py turns it on.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_two_factor(request):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_two_factor(self, request: HttpRequest) -> bool:
        if not getattr(settings, "PORTH_REQUIRE_TWO_FACTOR", True):
            return False
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(
            (settings.STATIC_URL, settings.MEDIA_URL)
        ):
            return False
        # Most signed-in people need no authenticator: asked first, so their requests skip
        # resolving the address a second time (ADR 0064).
        if not user.needs_two_factor:
            return False
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return False
        if url_name in SET_UP_URL_NAMES:
            return False
        return not is_mfa_enabled(user, [Authenticator.Type.TOTP])
