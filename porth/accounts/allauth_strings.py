"""Messages other packages show our users, listed so that they stay in our Welsh catalogue.

django-allauth ships no Welsh translation, and Django's own Welsh catalogue leaves its password
checks untranslated. Their Python code still passes these strings through gettext, so a Welsh
translation in our catalogue (porth/accounts/locale/cy) is used as soon as it exists:
porth.accounts comes before allauth and django.contrib.auth in INSTALLED_APPS, and Django
prefers the earlier app's translation.

`makemessages` only keeps msgids it finds in our code, and would drop these on every run. So
they are written out here, exactly as the other package spells them (wording, punctuation,
placeholders), inside gettext_noop / ngettext_lazy so that nothing is translated at import time.
Nothing imports this module: it exists for `makemessages` alone.

When you upgrade allauth or Django, check that each string below still exists in their source,
and add any new message a user can meet (forms, adapter error_messages, reauthentication
choices). Labels of allauth's form fields are not here: porth/accounts/forms.py replaces them.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH_ACCOUNT_ERRORS = (
    # allauth/account/adapter.py DefaultAccountAdapter.error_messages
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    # allauth/account/forms.py PasswordVerificationMixin and SetPasswordForm
    gettext_noop("You must type the same password each time."),
)

ALLAUTH_REAUTHENTICATION_CHOICES = (
    # allauth/account/adapter.py get_reauthentication_methods()
    gettext_noop("Use your password"),
    gettext_noop("Use authenticator app or code"),
)

ALLAUTH_MFA_ERRORS = (
    # allauth/mfa/adapter.py DefaultMFAAdapter.error_messages
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
)

DJANGO_PASSWORD_CHECKS = (
    # django/contrib/auth/password_validation.py, shown when someone chooses a password
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
)
