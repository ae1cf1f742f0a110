"""The service record: one row per public service, with its phase history and channels."""

import unicodedata
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from ..expressions import StoredWords
from ..validation import (
    NAME_MAX_LENGTH,
    OWNER_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    URL_MAX_LENGTH,
    validate_description,
    validate_https_address,
    validate_name,
    validate_owner_text,
    validate_reference,
)
from .choices import (
    Channel,
    Phase,
    ServiceStep,
    StepsInWelsh,
    TeamRole,
    WelshAvailability,
    codes,
)
from .reference import ServiceArea, TechnologyProduct, UserGroup

PUBLIC_ID_PREFIX = "PS-"


def format_public_id(number: int) -> str:
    """PS-000123: six digits, growing to seven after PS-999999 rather than wrapping."""
    return f"{PUBLIC_ID_PREFIX}{number:06d}"


def fold_for_search(text: str) -> str:
    """Lower case without accents, so "dwr" finds "dŵr" and "ysgol" finds "Ysgol".

    Welsh writers often drop the to bach (ŵ, ŷ, â) when typing a search; both the stored search
    document and the query pass through this so they meet in the middle on every database.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class NameWord(models.Model):
    """A word of some service's names, folded as `fold_for_search` folds it: the dictionary
    that a search with a typing slip is corrected from (`porth.register.search`, ADR 0061).

    PostgreSQL keeps it itself: triggers on the service table add the words of every name
    written, however it is written (a form, an import, `bulk_create`), and nothing removes a
    word (a word no name holds any more corrects a slip to a search that finds nothing, and
    the search falls back as it would have). Only words of three or more letters without
    digits are kept: shorter words and service IDs are never corrected. Other databases leave
    the table empty, since their search does not correct words (migration 0017).
    """

    word = models.CharField(max_length=255, primary_key=True)

    class Meta:
        verbose_name = _("word of a service name")
        verbose_name_plural = _("words of service names")

    def __str__(self) -> str:
        return self.word


class ServiceIdCounter(models.Model):
    """The single row that hands out service numbers, so a number is never used twice.

    A separate counter (rather than the primary key) keeps IDs stable across databases and lets
    bulk work (imports, demo data) reserve a block of numbers in one locked update. Numbers
    handed out and then rolled back are skipped, never reused: gaps are fine, reuse is not.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    next_number = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("service ID counter")

    def __str__(self) -> str:
        return format_public_id(self.next_number)

    @classmethod
    def allocate(cls, count: int = 1) -> range:
        """Reserve `count` consecutive numbers. Call inside the transaction that uses them."""
        with transaction.atomic():
            counter, _created = cls.objects.select_for_update().get_or_create(pk=1)
            first = counter.next_number
            counter.next_number = first + count
            counter.save(update_fields=["next_number"])
        return range(first, first + count)


class ServiceQuerySet(models.QuerySet):
    def current(self) -> "ServiceQuerySet":
        """Services that have not been retired: what the register shows by default."""
        return self.filter(is_retired=False)


STORED_WORDS_FIELDS = ("search_document_vector", "search_names_vector")
"""Columns only the database reads (search matches them); Python never needs their values."""


class ServiceManager(models.Manager.from_queryset(ServiceQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> ServiceQuerySet:
        """Services without their stored words, which are as wide as the texts they come from
        and which only the database reads: lists, exports and the API need not carry them."""
        return super().get_queryset().defer(*STORED_WORDS_FIELDS)


class Service(models.Model):
    """A public service offered by a Welsh public body.

    Several fields are kept up to date by `porth.register.actions` rather than typed in, so
    that lists can filter and sort on them without joins; anything that writes services in bulk
    (imports, demo data) must keep them right too:

    - `phase` / `phase_since` / `phase_date_given`: the latest `PhaseChange` (by
      `applies_from`, then by id).
    - `welsh_availability`: summary of the `channels` (`summarise_welsh_availability`).
    - `latest_metric_period`: the most recent `MetricValue.period_start` with a value.
    - `search_document` and `search_names`: set by `save()`; call `refresh_search_fields()`
      before `bulk_create`. PostgreSQL works out and stores their words itself
      (`search_document_vector`, `search_names_vector`: generated columns, never written).

    - `steps_in_welsh`: summary of the `steps` (`summarise_steps_in_welsh`).

    `steps` is a JSON list of records, one per step the service has, in `ServiceStep` order:
    `{"step": "apply", "online": true, "welsh": false}` (docs/adr/0048); `team_roles` is a JSON
    list of `TeamRole` codes. They are shown and exported but never filtered on, so they do not
    need a join table. `users_served`
    is filtered on, so it is a many-to-many to `UserGroup` (see its docstring).

    Services are retired (`is_retired`, `retired_on`), never deleted: the ID, the history and
    past metrics stay.
    """

    public_id = models.CharField(_("service ID"), max_length=12, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    partner_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="partner_services",
        verbose_name=_("partner organisations"),
    )
    # The limits and their messages live in porth/register/validation.py, which every door
    # that writes a service (question pages, import, API) calls too. The descriptions' limit
    # is a validator only: `max_length` on a TextField changes nothing in the database but
    # would make SQLite rebuild the table.
    name_en = models.CharField(
        _("name in English"), max_length=NAME_MAX_LENGTH, validators=[validate_name]
    )
    name_cy = models.CharField(
        _("name in Welsh"), max_length=NAME_MAX_LENGTH, validators=[validate_name]
    )
    description_en = models.TextField(
        _("description in English"),
        validators=[validate_description],
    )
    description_cy = models.TextField(
        _("description in Welsh"),
        validators=[validate_description],
    )
    url_en = models.URLField(_("web address in English"), max_length=500, blank=True)
    url_cy = models.URLField(_("web address in Welsh"), max_length=500, blank=True)
    accessibility_statement_url = models.URLField(
        _("accessibility statement"),
        max_length=URL_MAX_LENGTH,
        blank=True,
        validators=[validate_https_address],
    )
    # The body's own reference for the service (unique within the body, when given): imports
    # and the API match a row to a service by it or by `public_id`, never by name (ADR 0040).
    reference = models.CharField(
        _("your reference"),
        max_length=REFERENCE_MAX_LENGTH,
        blank=True,
        validators=[validate_reference],
    )
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("service area"),
    )
    users_served = models.ManyToManyField(
        UserGroup, blank=True, related_name="services", verbose_name=_("users served")
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.DISCOVERY
    )
    phase_since = models.DateField(_("in this phase since"), null=True, blank=True)
    # False when nobody said when the phase began (an import without the date): `phase_since`
    # is then only the day it was recorded, and pages say so (docs/adr/0047).
    phase_date_given = models.BooleanField(_("phase start date given"), default=True)
    welsh_availability = models.CharField(
        _("availability in Welsh"),
        max_length=10,
        choices=WelshAvailability.choices,
        default=WelshAvailability.UNKNOWN,
    )
    steps = models.JSONField(_("steps of the service"), default=list, blank=True)
    steps_in_welsh = models.CharField(
        _("steps that can be done in Welsh"),
        max_length=10,
        choices=StepsInWelsh.choices,
        default=StepsInWelsh.UNKNOWN,
    )
    team_roles = models.JSONField(_("roles in the team"), default=list, blank=True)
    owner_name = models.CharField(
        _("service owner's name"),
        max_length=OWNER_MAX_LENGTH,
        blank=True,
        validators=[validate_owner_text],
    )
    owner_role = models.CharField(
        _("service owner's role"),
        max_length=OWNER_MAX_LENGTH,
        blank=True,
        validators=[validate_owner_text],
    )
    owner_email = models.EmailField(_("service owner's email address"), blank=True)
    technology = models.ManyToManyField(
        TechnologyProduct, blank=True, related_name="services", verbose_name=_("technology")
    )
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    latest_metric_period = models.DateField(
        _("latest period with figures"), null=True, blank=True, editable=False
    )
    is_retired = models.BooleanField(_("retired"), default=False)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    search_document = models.TextField(blank=True, editable=False)
    search_names = models.TextField(blank=True, editable=False)
    # The words of the two texts, for full-text search on PostgreSQL (ADR 0016, ADR 0029);
    # NULL on other databases. Left out of every query by `ServiceManager`.
    search_document_vector = models.GeneratedField(
        expression=StoredWords("search_document"),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        null=True,
    )
    search_names_vector = models.GeneratedField(
        expression=StoredWords("search_names"),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        null=True,
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Goes up by one whenever an editor's change is saved, so an edit begun on an older
    # version is caught rather than saved over the newer one (docs/adr/0018).
    version = models.PositiveIntegerField(default=1, editable=False)
    # The one-time token of the form that added the service: a second submit finds this row.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ServiceManager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["is_retired", "name_en"], name="register_service_name_en"),
            models.Index(fields=["is_retired", "name_cy"], name="register_service_name_cy"),
            # "Similar services" tops its list up with the area in name order.
            models.Index(
                fields=["is_retired", "service_area", "name_en"], name="register_service_area_en"
            ),
            models.Index(
                fields=["is_retired", "service_area", "name_cy"], name="register_service_area_cy"
            ),
            models.Index(fields=["is_retired", "-updated_at"], name="register_service_updated"),
            models.Index(fields=["phase"], name="register_service_phase"),
            models.Index(fields=["welsh_availability"], name="register_service_welsh"),
            # The API's list of every live service reads a page's ids and service IDs first,
            # from this alone (an index-only scan on PostgreSQL, which alone keeps `include`),
            # then those services: an offset walks ids, not rows (ADR 0072, ADR 0073).
            models.Index(
                fields=["id"],
                include=["public_id"],
                condition=Q(is_retired=False),
                name="register_service_live",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_retired=False, retired_on__isnull=True)
                | Q(is_retired=True, retired_on__isnull=False),
                name="register_service_retired_has_date",
            ),
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                condition=~Q(reference=""),
                name="register_service_reference_per_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_document", "search_names"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("register:service_detail", args=[self.public_id])

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def url(self) -> str:
        """The service's address in the reader's language, else the other one."""
        return localised(self, "url") or self.url_en or self.url_cy

    def refresh_search_fields(self) -> None:
        """Fill the two folded texts search uses (see `porth.register.search`).

        `search_document` (ID, names and descriptions in both languages) is for full-text
        search; `search_names` (ID and names only) is short, so comparing trigrams with it is
        quick enough to forgive typing slips and to rank results on a large register.
        """
        names = [self.public_id, self.name_en, self.name_cy]
        self.search_names = fold_for_search(" ".join(part for part in names if part))
        descriptions = [self.description_en, self.description_cy]
        self.search_document = fold_for_search(
            " ".join(part for part in [*names, *descriptions] if part)
        )

    def step_rows(self) -> list[dict[str, Any]]:
        """Each step the service has, with its label: for its page."""
        labels = dict(ServiceStep.choices)
        return [
            {**record, "label": labels[record["step"]]}
            for record in self.steps
            if record.get("step") in labels
        ]

    def team_role_labels(self) -> list[str]:
        return [TeamRole(code).label for code in codes(TeamRole) if code in self.team_roles]


def summarise_steps_in_welsh(steps: Iterable[dict[str, Any]]) -> str:
    """Whether every, some or none of a service's steps can be done in Welsh."""
    flags = [bool(record.get("welsh")) for record in steps]
    if not flags:
        return StepsInWelsh.UNKNOWN
    if all(flags):
        return StepsInWelsh.ALL
    if any(flags):
        return StepsInWelsh.SOME
    return StepsInWelsh.NONE


def summarise_welsh_availability(channels: Iterable[tuple[str, bool]]) -> str:
    """All, some or none of the (channel, is_available_in_welsh) pairs in Welsh."""
    flags = [in_welsh for _channel, in_welsh in channels]
    if not flags:
        return WelshAvailability.UNKNOWN
    if all(flags):
        return WelshAvailability.ALL
    if any(flags):
        return WelshAvailability.SOME
    return WelshAvailability.NONE


class PhaseChange(models.Model):
    """A phase a service entered and the date it applies from.

    Kept as history: a service's current phase is its latest change by `applies_from` (ties go
    to the one recorded last). No order is forced; a service may go back to alpha.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phase_changes")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    applies_from = models.DateField(_("applies from"))
    # False when the phase's start date was not given and `applies_from` is the day it was
    # recorded: shown as "recorded on", never as "since" (docs/adr/0047).
    date_given = models.BooleanField(_("start date given"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["applies_from", "id"]
        indexes = [models.Index(fields=["service", "applies_from"], name="register_phase_service")]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.service_id}: {self.get_phase_display()} from {self.applies_from}"


class ServiceChannel(models.Model):
    """A channel through which a service can be used, and whether it works in Welsh."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    is_available_in_welsh = models.BooleanField(_("available in Welsh"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "channel"], name="register_channel_once_per_service"
            )
        ]
        indexes = [models.Index(fields=["channel", "service"], name="register_channel_lookup")]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.get_channel_display()

    @property
    def position(self) -> int:
        """Where this channel comes in the fixed display order (online first)."""
        return codes(Channel).index(self.channel)
