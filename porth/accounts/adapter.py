"""Hooks into django-allauth so that its emails go in the recipient's own language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils import translation

from porth.core.language import current_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language someone signs up in is their first recorded preference; they can change
        # it on their account page.
        user.preferred_language = current_language()
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix, email, context):
        from .models import User

        person = User.objects.filter(email__iexact=email).first()
        language = person.preferred_language if person else current_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)


class MFAAdapter(DefaultMFAAdapter):
    pass
