"""Authenticator apps with a known secret, for demo accounts and tests.

Real people set up their app by scanning a QR code (allauth's activation page). Demo accounts
and tests need an app whose secret we know, and the code it would show right now.
"""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt

from .models import User


def give_authenticator(person: User, secret: str) -> None:
    """Make `secret` the person's authenticator app secret, replacing any they had."""
    Authenticator.objects.update_or_create(
        user=person, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}}
    )


def current_code(secret: str) -> str:
    """The 6-digit code an authenticator app holding `secret` shows at this moment."""
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
