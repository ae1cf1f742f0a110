"""Personal tokens for the API: `Authorization: Bearer porth_…` (docs/adr/0022-api-tokens.md)."""

from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..actions import record_token_use, revoke_token
from ..queries import token_with_secret
from .messages import bilingual

KEYWORDS = ("bearer", "token")

NOT_VALID = _("The token is not valid.")
REVOKED = _("The token has been revoked. Make a new one on the API tokens page.")
EXPIRED = _("The token has expired. Make a new one on the API tokens page.")
PASSWORD_CHANGED = _(
    "The token stopped working when its owner's password changed. Make a new one on the API "
    "tokens page."
)


def refused(message) -> exceptions.AuthenticationFailed:
    """A 401 whose answer carries the message in both languages."""
    return exceptions.AuthenticationFailed(bilingual(message))


def _password_unchanged(token) -> bool:
    """Is the person's password the one they had when the token was made? Hashes made with a
    retired SECRET_KEY still count (SECRET_KEY_FALLBACKS), as they do for sessions."""
    person = token.person
    hashes = [person.get_session_auth_hash(), *person.get_session_auth_fallback_hash()]
    return any(constant_time_compare(token.password_fingerprint, known) for known in hashes)


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """Reads need no token. A request that sends one must send a valid, unrevoked, unexpired
    token for an active person whose password has not changed since, or it is refused with 401
    even for a read, so a broken script is noticed."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise refused(_("Send the token as: Bearer <token>."))
        try:
            secret = header[1].decode()
        except UnicodeDecodeError as error:
            raise refused(NOT_VALID) from error
        token = token_with_secret(secret)
        if token is None or not token.person.is_active:
            raise refused(NOT_VALID)
        if token.is_revoked:
            raise refused(REVOKED)
        if token.is_expired:
            raise refused(EXPIRED)
        # The password changed by a route that sent no signal (the admin, manage.py): revoke
        # now, so the token's page shows it too.
        if not _password_unchanged(token):
            revoke_token(token=token)
            raise refused(PASSWORD_CHANGED)
        record_token_use(token=token)
        return token.person, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) when a write arrives without a token.
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how to send a personal token, and what its scopes allow."""

    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A personal token, made on /open-data/tokens/. Reading public data needs "
                    "no token. A token acts for the organisations chosen when it was made, and "
                    "never beyond its owner's role in each at the time of the request. A token "
                    "of either scope reads those organisations' private details (a service's "
                    "`owner`) while its owner is a member there. “Read only” tokens are refused "
                    "with 403 on every write; “read and write” tokens may add and change those "
                    "organisations' services and figures while their owner is an editor there. "
                    "A token expires after the 30, 90 or 365 days its owner chose, and is "
                    "revoked when its owner's password is changed or reset. An expired or "
                    "revoked token is refused with 401."
                )
            ),
        }
