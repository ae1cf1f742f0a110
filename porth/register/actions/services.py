"""Adding, changing, phasing, reviewing and retiring services."""

import datetime
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field, make_dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext

from porth.core import pagecache
from porth.core.edits import Difference, StaleEdit, create_once
from porth.organisations.models import Organisation

from ..description import REQUIRED_WHEN_ADDING, SIMPLE_FIELDS, STRUCTURED_FIELDS
from ..formatting import format_date
from ..models import (
    ChangeKind,
    Channel,
    Hosting,
    Phase,
    PhaseChange,
    Service,
    ServiceArea,
    ServiceChannel,
    ServiceIdCounter,
    ServiceStep,
    TeamRole,
    TechnologyCategory,
    TechnologyProduct,
    UserGroup,
    UserGroupCode,
    codes,
    format_public_id,
    summarise_steps_in_welsh,
    summarise_welsh_availability,
)
from ..signals import PAGE_TOPIC
from ..structured import NewProduct
from ..validation import reference_in_use
from .history import (
    FIELD_LABELS,
    change_entry,
    in_both_languages,
    log_change,
    page_parts,
    snapshot,
)
from .lists import find_or_add_product


class ServiceIsRetired(Exception):
    """A retired service is kept as a record and can no longer be changed."""


class PhaseDateInFuture(Exception):
    """A phase is recorded once it applies, not planned ahead."""


class RetireInstead(Exception):
    """The retired phase is recorded by `retire_service`, which also takes the service out of
    the register."""


class InvalidServiceDetails(Exception):
    """The details break a rule forms should already have caught (an unknown code, say)."""


class _ServiceDetailsMethods:
    """What `ServiceDetails` can do; its fields come from the service's description."""

    @classmethod
    def from_service(cls, service: Service) -> "ServiceDetails":
        return cls(  # type: ignore[call-arg]
            **{declared.name: getattr(service, declared.name) for declared in SIMPLE_FIELDS},
            service_area=service.service_area,
            users_served=[group.code for group in service.users_served.all()],
            partner_organisations=list(service.partner_organisations.all()),
            channels={c.channel: c.is_available_in_welsh for c in service.channels.all()},
            steps=[dict(record) for record in service.steps],
            team_roles=list(service.team_roles),
            technology=list(service.technology.all()),
        )

    def check(self, organisation: Organisation) -> None:
        details: Any = self
        for given, allowed in (
            (details.users_served, codes(UserGroupCode)),
            (details.channels.keys(), codes(Channel)),
            ([record["step"] for record in details.steps], codes(ServiceStep)),
            (details.team_roles, codes(TeamRole)),
        ):
            unknown = set(given) - set(allowed)
            if unknown:
                raise InvalidServiceDetails(f"Unknown codes: {sorted(unknown)}")
        if any(partner.pk == organisation.pk for partner in details.partner_organisations):
            raise InvalidServiceDetails("The owning organisation cannot also be a partner.")
        if not (details.name_en.strip() and details.name_cy.strip()):
            raise InvalidServiceDetails("A service needs a name in both languages.")


def _details_fields() -> list[tuple[str, Any, Any]]:
    """The text fields of the description (required ones first), then the structured ones."""
    required = [
        (declared.name, str, field())
        for declared in SIMPLE_FIELDS
        if declared.name in REQUIRED_WHEN_ADDING
    ]
    optional = [
        (declared.name, str, field(default=""))
        for declared in SIMPLE_FIELDS
        if declared.name not in REQUIRED_WHEN_ADDING
    ]
    structured = [
        (
            declared.name,
            TYPES[declared.name],
            field(default_factory=dict if declared.name == "channels" else list),
        )
        for declared in STRUCTURED_FIELDS
        if declared.name != "service_area"
    ]
    return [*required, ("service_area", ServiceArea, field()), *optional, *structured]


# What each structured field carries (its structure in `description.py` says how a door reads
# it): codes, records, and products (a `NewProduct` is added to the catalogue on saving).
TYPES: dict[str, Any] = {
    "users_served": Sequence[str],
    "partner_organisations": Sequence[Organisation],
    "channels": Mapping[str, bool],
    "steps": Sequence[Mapping[str, Any]],
    "team_roles": Sequence[str],
    "technology": Sequence[TechnologyProduct | NewProduct],
}


# Everything an editor says about a service, apart from its phase (see `record_phase`): one
# attribute per field of `porth.register.description`, so a field declared there is carried
# here with no other edit. The actions raise Django's `ValidationError` (with `message_dict`)
# when a field breaks a model rule, such as a malformed web address, and
# `InvalidServiceDetails` for the rest. `channels` maps each `Channel` code the service offers
# to whether it works in Welsh; `steps` holds `{"step", "online", "welsh"}` records of
# `ServiceStep` codes; code lists use the codes of `UserGroupCode` and `TeamRole`.
ServiceDetails = make_dataclass(
    "ServiceDetails",
    _details_fields(),
    bases=(_ServiceDetailsMethods,),
)
ServiceDetails.__module__ = __name__


def _fill(service: Service, details: ServiceDetails) -> None:
    """The details on the service's own row and its denormalised summaries, in memory."""
    for declared in SIMPLE_FIELDS:
        setattr(service, declared.name, declared.tidy(getattr(details, declared.name)))
    service.service_area = details.service_area
    steps = {record["step"]: record for record in details.steps}
    service.steps = [
        {"step": code, "online": bool(steps[code]["online"]), "welsh": bool(steps[code]["welsh"])}
        for code in codes(ServiceStep)
        if code in steps
    ]
    service.steps_in_welsh = summarise_steps_in_welsh(service.steps)
    service.team_roles = [code for code in codes(TeamRole) if code in details.team_roles]
    service.welsh_availability = summarise_welsh_availability(details.channels.items())


CLEAN_EXCLUDE = ["public_id", "organisation", "service_area", "creation_token"]
"""Left to the database by `full_clean`: the token's uniqueness (so a racing twin fails as
one), and what the action sets itself."""


def _apply(service: Service, details: ServiceDetails) -> None:
    _fill(service, details)
    if service.reference and (
        Service.objects.filter(organisation_id=service.organisation_id, reference=service.reference)
        .exclude(pk=service.pk)
        .exists()
    ):
        raise ValidationError({"reference": [reference_in_use(service.reference)]})
    service.full_clean(exclude=CLEAN_EXCLUDE)
    service.save()
    service.users_served.set(UserGroup.objects.filter(code__in=details.users_served))
    service.partner_organisations.set(details.partner_organisations)
    service.technology.set(
        [
            find_or_add_product(
                name=product.name,
                supplier=product.supplier,
                category=TechnologyCategory.OTHER,
                hosting=Hosting.UNKNOWN,
                is_open_source=False,
            )
            if isinstance(product, NewProduct)
            else product
            for product in details.technology
        ]
    )
    service.channels.exclude(channel__in=list(details.channels)).delete()
    existing = {channel.channel: channel for channel in service.channels.all()}
    for code, in_welsh in details.channels.items():
        channel = existing.get(code)
        if channel is None:
            ServiceChannel.objects.create(
                service=service, channel=code, is_available_in_welsh=in_welsh
            )
        elif channel.is_available_in_welsh != in_welsh:
            channel.is_available_in_welsh = in_welsh
            channel.save(update_fields=["is_available_in_welsh"])


def _check_phase_date(applies_from: datetime.date) -> None:
    if applies_from > timezone.localdate():
        raise PhaseDateInFuture


def create_service(
    *,
    organisation: Organisation,
    details: ServiceDetails,
    phase: str,
    phase_from: datetime.date,
    created_by: Any,
    creation_token: uuid.UUID | None = None,
    phase_date_given: bool = True,
) -> Service:
    """Add a service to the register with its first phase; it gets the next service ID.

    `phase_date_given=False` says nobody gave the phase's start date and `phase_from` is only
    the day it was recorded (an import without the date, docs/adr/0047).

    With a `creation_token` (the one-time token of the form), a repeated or concurrent submit
    of the same form returns the service the first one added instead of adding another.
    """
    return create_once(
        Service,
        creation_token,
        lambda: _create_service(
            organisation=organisation,
            details=details,
            phase=phase,
            phase_from=phase_from,
            created_by=created_by,
            creation_token=creation_token,
            phase_date_given=phase_date_given,
        ),
    )


@transaction.atomic
def _create_service(
    *,
    organisation: Organisation,
    details: ServiceDetails,
    phase: str,
    phase_from: datetime.date,
    created_by: Any,
    creation_token: uuid.UUID | None,
    phase_date_given: bool = True,
) -> Service:
    details.check(organisation)
    if phase == Phase.RETIRED:
        raise RetireInstead
    _check_phase_date(phase_from)
    number = ServiceIdCounter.allocate()[0]
    service = Service(
        public_id=format_public_id(number),
        organisation=organisation,
        phase=phase,
        phase_since=phase_from,
        phase_date_given=phase_date_given,
        last_reviewed_on=timezone.localdate(),
        created_by=created_by,
        creation_token=creation_token,
    )
    _apply(service, details)
    PhaseChange.objects.create(
        service=service,
        phase=phase,
        applies_from=phase_from,
        date_given=phase_date_given,
        recorded_by=created_by,
    )
    log_change(service, ChangeKind.CREATED, created_by, [])
    return service


def _in_reader_language(text: dict[str, str]) -> str:
    return text.get((get_language() or "en")[:2], text["en"])


@transaction.atomic
def update_service(
    *,
    service: Service,
    details: ServiceDetails,
    changed_by: Any,
    version: int | None = None,
    phase: str | None = None,
    phase_from: datetime.date | None = None,
) -> Service:
    """Change a service's details (and its phase, if given); records only what really changed.

    `version` is the version the edit started from. If the service has changed since and this
    save would overwrite any of that, `StaleEdit` lists each field as saved now and as it
    would be saved, and nothing is written: the editor decides and re-submits with the new
    version. Without `version` (imports, the API) the details are applied as given.

    Saving counts as a review, so `last_reviewed_on` moves to today even when nothing changed.
    """
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_retired:
        raise ServiceIsRetired
    details.check(service.organisation)
    new_phase = phase is not None and (phase, phase_from) != (service.phase, service.phase_since)
    if new_phase:
        if phase == Phase.RETIRED:
            raise RetireInstead
        _check_phase_date(phase_from)
    before = snapshot(service)
    _apply(service, details)
    after = snapshot(service)
    changed = [name for name in after if before[name] != after[name]]
    if version is not None and version != service.version:
        stale = [
            Difference(
                FIELD_LABELS[name],
                _in_reader_language(before[name]),
                _in_reader_language(after[name]),
            )
            for name in changed
        ]
        if new_phase:
            stale.append(
                Difference(
                    FIELD_LABELS["phase"],
                    _phase_text(service.phase, service.phase_since)(),
                    _phase_text(phase, phase_from)(),
                )
            )
        if stale:
            # Raising rolls back what `_apply` wrote above.
            raise StaleEdit(version=service.version, differences=stale)
    today = timezone.localdate()
    if service.last_reviewed_on != today:
        Service.objects.filter(pk=service.pk).update(last_reviewed_on=today)
        service.last_reviewed_on = today
        if not changed and not new_phase:  # otherwise the change recorded below drops them
            parts = page_parts(service, ChangeKind.REVIEWED, [])
            # Its page shows the date; the lists do not.
            pagecache.pages_changed(PAGE_TOPIC, parts=parts, lists=False)
    if changed:
        log_change(
            service,
            ChangeKind.UPDATED,
            changed_by,
            [change_entry(name, before[name], after[name]) for name in changed],
        )
    if new_phase:
        _record_phase(service=service, phase=phase, applies_from=phase_from, recorded_by=changed_by)
    elif changed:
        _next_version(service)
    return service


def _next_version(service: Service) -> None:
    """Count one more saved change, so edits begun before it are caught as stale."""
    Service.objects.filter(pk=service.pk).update(version=models.F("version") + 1)
    service.version += 1


def _refresh_phase(service: Service) -> None:
    """Set the denormalised phase from the latest PhaseChange (a retired service is retired)."""
    latest = service.phase_changes.order_by("-applies_from", "-id").first()
    if service.is_retired:
        service.phase, service.phase_since = Phase.RETIRED, service.retired_on
        service.phase_date_given = True
    elif latest is not None:
        service.phase, service.phase_since = latest.phase, latest.applies_from
        service.phase_date_given = latest.date_given
    Service.objects.filter(pk=service.pk).update(
        phase=service.phase,
        phase_since=service.phase_since,
        phase_date_given=service.phase_date_given,
        updated_at=timezone.now(),
    )


def _phase_text(phase: str, applies_from: datetime.date | None) -> Callable[[], str]:
    def render() -> str:
        if applies_from is None:
            return str(Phase(phase).label)
        return gettext("%(phase)s from %(date)s") % {
            "phase": Phase(phase).label,
            "date": format_date(applies_from),
        }

    return render


@transaction.atomic
def record_phase(
    *,
    service: Service,
    phase: str,
    applies_from: datetime.date,
    recorded_by: Any,
    date_given: bool = True,
) -> PhaseChange:
    """Record that the service is in `phase` from a date; earlier phases stay as history.
    `date_given=False`: the start date is unknown and `applies_from` is the day recorded."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_retired:
        raise ServiceIsRetired
    if phase == Phase.RETIRED:
        raise RetireInstead
    _check_phase_date(applies_from)
    return _record_phase(
        service=service,
        phase=phase,
        applies_from=applies_from,
        recorded_by=recorded_by,
        date_given=date_given,
    )


def _record_phase(
    *,
    service: Service,
    phase: str,
    applies_from: datetime.date,
    recorded_by: Any,
    date_given: bool = True,
) -> PhaseChange:
    """Record a phase on a service already locked and checked by the caller."""
    before = in_both_languages(_phase_text(service.phase, service.phase_since))
    change = PhaseChange.objects.create(
        service=service,
        phase=phase,
        applies_from=applies_from,
        date_given=date_given,
        recorded_by=recorded_by,
    )
    _refresh_phase(service)
    after = in_both_languages(_phase_text(phase, applies_from))
    log_change(service, ChangeKind.PHASE, recorded_by, [change_entry("phase", before, after)])
    _next_version(service)
    return change


@transaction.atomic
def retire_service(*, service: Service, retired_on: datetime.date, retired_by: Any) -> Service:
    """Take a service out of the register without deleting it: its ID, figures and history
    stay, and it can still be found with "show retired services"."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_retired:
        raise ServiceIsRetired
    _check_phase_date(retired_on)
    before = in_both_languages(_phase_text(service.phase, service.phase_since))
    PhaseChange.objects.create(
        service=service, phase=Phase.RETIRED, applies_from=retired_on, recorded_by=retired_by
    )
    service.is_retired = True
    service.retired_on = retired_on
    service.save(update_fields=["is_retired", "retired_on", "updated_at"])
    _refresh_phase(service)
    _next_version(service)
    after = in_both_languages(_phase_text(Phase.RETIRED, retired_on))
    log_change(service, ChangeKind.RETIRED, retired_by, [change_entry("phase", before, after)])
    return service


@transaction.atomic
def mark_service_reviewed(
    *, service: Service, reviewed_by: Any, reviewed_on: datetime.date | None = None
) -> Service:
    """Confirm the record is still right without changing it (baseline rounds use this)."""
    reviewed_on = reviewed_on or timezone.localdate()
    before = in_both_languages(lambda: format_date(service.last_reviewed_on))
    Service.objects.filter(pk=service.pk).update(last_reviewed_on=reviewed_on)
    service.last_reviewed_on = reviewed_on
    after = in_both_languages(lambda: format_date(reviewed_on))
    log_change(
        service, ChangeKind.REVIEWED, reviewed_by, [change_entry("last_reviewed_on", before, after)]
    )
    return service
