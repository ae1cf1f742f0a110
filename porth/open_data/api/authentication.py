"""Personal tokens for the write API: `Authorization: Bearer porth_…`."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..actions import record_token_use
from ..queries import active_token

KEYWORDS = ("bearer", "token")


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """Reads need no token. A request that sends one must send a valid, unrevoked token for an
    active person, or it is refused with 401 even for a read, so a broken script is noticed."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Bearer <token>."))
        try:
            secret = header[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from error
        token = active_token(secret)
        if token is None or not token.person.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked."))
        record_token_use(token=token)
        return token.person, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) when a write arrives without a token.
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how to send a personal token."""

    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("A personal token, made on /open-data/tokens/ by an editor.")),
        }
