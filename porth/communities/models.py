"""Communities of practice: the communities, who belongs, their threads and pinned resources.

What people write (a thread's opening post and its replies) is a moderation `Contribution`
whose subject is the thread, in the community's own moderation space (ADR 0033, ADR 0051), so
the sanitising, reports, the one queue and the log are moderation's.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised


class Access(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in can join, and anyone can read")
    REQUEST = "request", _("On request: a lead approves each member, and only members can read")


class Community(models.Model):
    slug = models.SlugField(_("short name for the address"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=150)
    name_cy = models.CharField(_("name in Welsh"), max_length=150)
    description_en = models.TextField(_("description in English"), max_length=2000)
    description_cy = models.TextField(_("description in Welsh"), max_length=2000)
    access = models.CharField(_("who can join"), max_length=10, choices=Access, default=Access.OPEN)
    welsh_first = models.BooleanField(
        _("Welsh first"),
        default=False,
        help_text=_("Its pages show Welsh first, whatever the language of the interface."),
    )
    space = models.OneToOneField(
        "moderation.Space", on_delete=models.PROTECT, related_name="community"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return localised(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("communities:community_detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def needs_request(self) -> bool:
        return self.access == Access.REQUEST


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    LEAD = "lead", _("Lead")


class Status(models.TextChoices):
    ASKED = "asked", _("Asked to join")
    ACTIVE = "active", _("Member")


class Membership(models.Model):
    """A person's place in a community: asked (waiting for a lead) or active; listed in the
    member list only if they chose to be."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    role = models.CharField(max_length=10, choices=Role, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    listed = models.BooleanField(_("Show my name in the member list"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "person"], name="community_member_once")
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.community}"

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE

    @property
    def is_lead(self) -> bool:
        return self.is_active and self.role == Role.LEAD


class Thread(models.Model):
    """A discussion: a title and an opening post (a moderation contribution), then replies."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_threads"
    )
    opening = models.OneToOneField(
        "moderation.Contribution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened_thread",
    )
    is_pinned = models.BooleanField(default=False)
    language = models.CharField(max_length=2, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["community", "is_pinned", "last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "communities:thread_detail", kwargs={"slug": self.community.slug, "thread_id": self.pk}
        )

    @property
    def name(self) -> str:
        """What following calls a thread (its title, in the language it was written in)."""
        return self.title


class Resource(models.Model):
    """Something the community's leads pin for everyone in it: a link (guidance, recordings)
    or a file they upload (templates, slides), kept in the shared storage as a core
    `StoredFile` (ADR 0052, ADR 0059). A members-only resource is listed and served only to
    the community's members (and centre staff)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="resources")
    title_en = models.CharField(_("title in English"), max_length=150)
    title_cy = models.CharField(_("title in Welsh"), max_length=150)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    file = models.OneToOneField(
        "core.StoredFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="community_resource",
    )
    members_only = models.BooleanField(_("members only"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file__isnull=True) & ~models.Q(url=""))
                | (models.Q(file__isnull=False) & models.Q(url="")),
                name="community_resource_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return localised(self, "title")

    def get_absolute_url(self) -> str:
        """Where the resource is read: its file through Porth (so permissions apply), or its
        link."""
        if not self.is_file:
            return self.url
        return reverse(
            "communities:resource_file",
            kwargs={"slug": self.community.slug, "resource_id": self.pk},
        )

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def is_file(self) -> bool:
        return self.file_id is not None

    @property
    def file_kind(self) -> str:
        """ "PDF", "DOCX"...: what the list says next to an uploaded file's size."""
        return self.file.filename.rsplit(".", 1)[-1].upper() if self.file_id else ""


class WelshAbility(models.TextChoices):
    FLUENT = "fluent", _("Fluent: I can work in Welsh")
    CONFIDENT = "confident", _("Confident in some tasks, such as reading or meetings")
    LEARNING = "learning", _("Learning Welsh")
    NONE = "none", _("No Welsh yet")


class Listing(models.Model):
    """A person's entry in the people directory: there only while they choose it (ADR 0051)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_listing"
    )
    profession = models.CharField(_("profession"), max_length=100)
    skills_offered = models.TextField(_("skills you offer to share"), max_length=500)
    welsh_ability = models.CharField(_("Welsh"), max_length=10, choices=WelshAbility)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__full_name", "pk"]

    def __str__(self) -> str:
        return str(self.person)
