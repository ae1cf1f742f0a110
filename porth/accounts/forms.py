"""Forms for signing in, account settings and organisation membership.

allauth's own forms are subclassed only to give their fields GOV.UK labels, hints and error
messages in our catalogue (allauth's labels are things like "Password (again)", and GOV.UK
forms use no placeholders). They are wired up through ACCOUNT_FORMS and MFA_FORMS in settings.
"""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.totp import forms as mfa_totp_forms
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Language, MembershipRole


def _govuk_field(
    form: forms.Form,
    name: str,
    *,
    label: str,
    required_message: str,
    hint: str = "",
) -> None:
    """Relabel one of allauth's fields the GOV.UK way: a label, an optional hint, no placeholder."""
    field = form.fields[name]
    field.label = label
    field.help_text = hint
    field.error_messages["required"] = required_message
    field.widget.attrs.pop("placeholder", None)


def _govuk_email_field(form: forms.Form, name: str = "email") -> None:
    # allauth renders email as a text input with type="email" in attrs; our field component
    # reads the widget's input type, so swap in a real EmailInput.
    form.fields[name].widget = forms.EmailInput(attrs={"autocomplete": "email"})
    _govuk_field(
        form,
        name,
        label=_("Email address"),
        required_message=_("Enter your email address"),
    )
    form.fields[name].error_messages["invalid"] = _(
        "Enter an email address in the correct format, like name@example.com"
    )


def _new_password_hint() -> str:
    minimum = next(
        (
            validator.get("OPTIONS", {}).get("min_length", 8)
            for validator in settings.AUTH_PASSWORD_VALIDATORS
            if validator["NAME"].endswith("MinimumLengthValidator")
        ),
        8,
    )
    return ngettext(
        "Use at least %(count)s character. A long phrase is easier to remember.",
        "Use at least %(count)s characters. A long phrase is easier to remember.",
        minimum,
    ) % {"count": minimum}


class SignInForm(account_forms.LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_email_field(self, "login")
        _govuk_field(
            self, "password", label=_("Password"), required_message=_("Enter your password")
        )
        self.fields["remember"].label = _("Stay signed in on this device")


class SignUpForm(account_forms.SignupForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_email_field(self)
        _govuk_field(
            self,
            "password1",
            label=_("Create a password"),
            hint=_new_password_hint(),
            required_message=_("Create a password"),
        )
        _govuk_field(
            self,
            "password2",
            label=_("Confirm password"),
            required_message=_("Enter your password again"),
        )


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_email_field(self)


class _NewPasswordMixin:
    """Labels shared by every form that sets a new password twice."""

    def _label_new_passwords(self) -> None:
        _govuk_field(
            self,
            "password1",
            label=_("New password"),
            hint=_new_password_hint(),
            required_message=_("Enter a new password"),
        )
        _govuk_field(
            self,
            "password2",
            label=_("Confirm new password"),
            required_message=_("Enter your new password again"),
        )


class ResetPasswordKeyForm(_NewPasswordMixin, account_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._label_new_passwords()


class ChangePasswordForm(_NewPasswordMixin, account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_field(
            self,
            "oldpassword",
            label=_("Current password"),
            required_message=_("Enter your current password"),
        )
        self._label_new_passwords()


class SetPasswordForm(_NewPasswordMixin, account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._label_new_passwords()


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_field(
            self, "password", label=_("Password"), required_message=_("Enter your password")
        )


class AddEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_email_field(self)


def _label_security_code(form: forms.Form, hint: str) -> None:
    _govuk_field(
        form,
        "code",
        label=_("Security code"),
        hint=hint,
        required_message=_("Enter the security code"),
    )
    form.fields["code"].widget.attrs["inputmode"] = "numeric"


class MFAAuthenticateForm(mfa_base_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _label_security_code(
            self,
            _("The 6-digit code from your authenticator app, or one of your recovery codes."),
        )


class MFAReauthenticateForm(mfa_base_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _label_security_code(
            self,
            _("The 6-digit code from your authenticator app, or one of your recovery codes."),
        )


class ActivateTOTPForm(mfa_totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _label_security_code(self, _("The 6-digit code your authenticator app shows now."))


class PreferenceForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"),
        help_text=_("We send you emails in the language you choose."),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language for your emails")},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the email address of the person to invite"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    role = forms.TypedChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=MembershipRole.MEMBER,
        error_messages={"required": _("Choose a role")},
    )
    language = forms.ChoiceField(
        label=_("Language for the invitation email"),
        help_text=_("If they already have an account, we use the language they chose."),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language for the invitation email")},
    )


class RoleForm(forms.Form):
    role = forms.TypedChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role")},
    )
