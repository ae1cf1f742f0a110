"""People, their language preference and their roles in organisations."""

import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.permissions import Role


class PersonManager(UserManager):
    """Email is the sign-in name; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_centre_staff", True)
        return self._create_user(email, password, **extra_fields)


class Language(models.TextChoices):
    # Each language is named in itself, as on the language switch.
    WELSH = "cy", "Cymraeg"
    ENGLISH = "en", "English"


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("language for emails"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    is_centre_staff = models.BooleanField(
        _("centre staff"),
        default=False,
        help_text=_("Staff of the centre can see and manage every organisation."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.email

    def kept_memberships(self) -> list["Membership"]:
        """This person's memberships, read once for this object and kept with it (ADR 72).

        A request's `user` is one object, so each permission check on a page reads them from
        here rather than asking the database again. They are kept as Django's prefetched
        objects, which `person.memberships` writes clear; an action that writes memberships
        another way calls `forget_memberships`."""
        if "memberships" not in getattr(self, "_prefetched_objects_cache", {}):
            prefetch_related_objects([self], "memberships")
        return list(self.memberships.all())

    def forget_memberships(self) -> None:
        """Read this person's memberships afresh at the next check."""
        getattr(self, "_prefetched_objects_cache", {}).pop("memberships", None)

    def role_in(self, organisation) -> Role | None:
        for membership in self.kept_memberships():
            if membership.organisation_id == organisation.pk:
                return Role(membership.role)
        return None

    @property
    def needs_two_factor(self) -> bool:
        """Centre staff and organisation admins must use an authenticator app."""
        return (
            self.is_centre_staff
            or self.is_superuser
            or any(membership.is_admin for membership in self.kept_memberships())
        )


class MembershipRole(models.IntegerChoices):
    MEMBER = Role.MEMBER, _("Member")
    EDITOR = Role.EDITOR, _("Editor")
    ADMIN = Role.ADMIN, _("Organisation admin")


class Membership(models.Model):
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=MembershipRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"], name="one_membership_per_organisation"
            )
        ]
        ordering = ["organisation__name_en"]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role >= Role.ADMIN


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """An organisation admin's offer of a role to someone, by email, accepted once."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.PositiveSmallIntegerField(_("role"), choices=MembershipRole.choices)
    language = models.CharField(
        _("language for the invitation email"), max_length=2, choices=Language.choices
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
