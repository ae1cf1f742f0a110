"""Every write to the register goes through these functions.

Each one checks the rules, runs in one transaction, records who changed what in the service's
change log (`ServiceChange`) and keeps the denormalised fields on `Service` right. Imports and
the API call these too, so a change made anywhere appears in the service's history.
"""

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from porth.organisations.models import Organisation

from .formatting import format_date, format_value, period_label
from .models import (
    ChangeKind,
    Channel,
    Measure,
    MetricValue,
    OnlineStep,
    Phase,
    PhaseChange,
    Service,
    ServiceArea,
    ServiceChange,
    ServiceChannel,
    ServiceIdCounter,
    TeamRole,
    TechnologyProduct,
    UserGroup,
    UserGroupCode,
    format_public_id,
    summarise_welsh_availability,
)


class ServiceIsRetired(Exception):
    """A retired service is kept as a record and can no longer be changed."""


class PhaseDateInFuture(Exception):
    """A phase is recorded once it applies, not planned ahead."""


class RetireInstead(Exception):
    """The retired phase is recorded by `retire_service`, which also takes the service out of
    the register."""


class InvalidServiceDetails(Exception):
    """The details break a rule forms should already have caught (an unknown code, say)."""


class MeasureNotAvailable(Exception):
    """The measure belongs to another organisation."""


class InvalidFigure(ValidationError):
    """The figure failed validation; `message_dict` says why, field by field."""


@dataclass
class ServiceDetails:
    """Everything an editor says about a service, apart from its phase (see `record_phase`).

    The actions raise Django's `ValidationError` (with `message_dict`) when a field breaks a
    model rule, such as a malformed web address, and `InvalidServiceDetails` for the rest.

    `channels` maps each `Channel` code the service offers to whether it works in Welsh.
    Code lists use the codes of `UserGroupCode`, `OnlineStep` and `TeamRole`.
    """

    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    service_area: ServiceArea
    url_en: str = ""
    url_cy: str = ""
    users_served: Sequence[str] = ()
    partner_organisations: Sequence[Organisation] = ()
    channels: Mapping[str, bool] = field(default_factory=dict)
    online_steps: Sequence[str] = ()
    team_roles: Sequence[str] = ()
    owner_name: str = ""
    owner_role: str = ""
    owner_email: str = ""
    technology: Sequence[TechnologyProduct] = ()

    @classmethod
    def from_service(cls, service: Service) -> "ServiceDetails":
        return cls(
            name_en=service.name_en,
            name_cy=service.name_cy,
            description_en=service.description_en,
            description_cy=service.description_cy,
            service_area=service.service_area,
            url_en=service.url_en,
            url_cy=service.url_cy,
            users_served=[group.code for group in service.users_served.all()],
            partner_organisations=list(service.partner_organisations.all()),
            channels={c.channel: c.is_available_in_welsh for c in service.channels.all()},
            online_steps=list(service.online_steps),
            team_roles=list(service.team_roles),
            owner_name=service.owner_name,
            owner_role=service.owner_role,
            owner_email=service.owner_email,
            technology=list(service.technology.all()),
        )

    def check(self, organisation: Organisation) -> None:
        for codes, allowed in (
            (self.users_served, UserGroupCode.values),
            (self.channels.keys(), Channel.values),
            (self.online_steps, OnlineStep.values),
            (self.team_roles, TeamRole.values),
        ):
            unknown = set(codes) - set(allowed)
            if unknown:
                raise InvalidServiceDetails(f"Unknown codes: {sorted(unknown)}")
        if any(partner.pk == organisation.pk for partner in self.partner_organisations):
            raise InvalidServiceDetails("The owning organisation cannot also be a partner.")
        if not (self.name_en.strip() and self.name_cy.strip()):
            raise InvalidServiceDetails("A service needs a name in both languages.")


# --- The change log ---------------------------------------------------------------------------

FIELD_LABELS: dict[str, Any] = {
    "name_en": _("Name in English"),
    "name_cy": _("Name in Welsh"),
    "description_en": _("Description in English"),
    "description_cy": _("Description in Welsh"),
    "url_en": _("Web address in English"),
    "url_cy": _("Web address in Welsh"),
    "service_area": _("Service area"),
    "users_served": _("Users served"),
    "partner_organisations": _("Partner organisations"),
    "channels": _("Channels"),
    "online_steps": _("Steps that can be done online"),
    "owner_name": _("Service owner"),
    "owner_role": _("Service owner's role"),
    "owner_email": _("Service owner's email address"),
    "team_roles": _("Roles in the team"),
    "technology": _("Technology"),
    "phase": _("Phase"),
    "retired_on": _("Retired on"),
    "last_reviewed_on": _("Last reviewed"),
}


def _channel_text(channel: str, in_welsh: bool) -> str:
    label = Channel(channel).label
    return gettext("%(channel)s (in Welsh)") % {"channel": label} if in_welsh else str(label)


def _readable(service: Service) -> dict[str, Callable[[], str]]:
    """How each field of the record reads, for the change log. Called once per language."""
    channels = sorted(service.channels.all(), key=lambda c: c.position)
    groups = {group.code for group in service.users_served.all()}
    partners = list(service.partner_organisations.all())
    products = list(service.technology.all())
    texts: dict[str, Callable[[], str]] = {
        name: (lambda name=name: getattr(service, name))
        for name in (
            "name_en",
            "name_cy",
            "description_en",
            "description_cy",
            "url_en",
            "url_cy",
            "owner_name",
            "owner_role",
            "owner_email",
        )
    }
    texts.update(
        service_area=lambda: service.service_area.name,
        users_served=lambda: ", ".join(
            str(label) for code, label in UserGroupCode.choices if code in groups
        ),
        partner_organisations=lambda: ", ".join(sorted(p.name for p in partners)),
        channels=lambda: ", ".join(
            _channel_text(c.channel, c.is_available_in_welsh) for c in channels
        ),
        online_steps=lambda: ", ".join(str(label) for label in service.online_step_labels()),
        team_roles=lambda: ", ".join(str(label) for label in service.team_role_labels()),
        technology=lambda: ", ".join(str(product) for product in products),
    )
    return texts


def _in_both_languages(render: Callable[[], Any]) -> dict[str, str]:
    result = {}
    for language in ("en", "cy"):
        with translation.override(language):
            result[language] = str(render())
    return result


def _snapshot(service: Service) -> dict[str, dict[str, str]]:
    return {name: _in_both_languages(render) for name, render in _readable(service).items()}


def _change(name: str, old: dict[str, str], new: dict[str, str]) -> dict[str, Any]:
    return {
        "field": name,
        "label": _in_both_languages(lambda: FIELD_LABELS[name]),
        "old": old,
        "new": new,
    }


def _log(service: Service, kind: str, by: Any, changes: list[dict[str, Any]]) -> ServiceChange:
    return ServiceChange.objects.create(
        service=service, kind=kind, changes=changes, changed_by=by if by else None
    )


# --- Services ---------------------------------------------------------------------------------


def _apply(service: Service, details: ServiceDetails) -> None:
    for name in (
        "name_en",
        "name_cy",
        "description_en",
        "description_cy",
        "url_en",
        "url_cy",
        "owner_name",
        "owner_role",
        "owner_email",
    ):
        setattr(service, name, getattr(details, name).strip())
    service.service_area = details.service_area
    service.online_steps = [code for code in OnlineStep.values if code in details.online_steps]
    service.team_roles = [code for code in TeamRole.values if code in details.team_roles]
    service.welsh_availability = summarise_welsh_availability(details.channels.items())
    service.full_clean(exclude=["public_id", "organisation", "service_area"])
    service.save()
    service.users_served.set(UserGroup.objects.filter(code__in=details.users_served))
    service.partner_organisations.set(details.partner_organisations)
    service.technology.set(details.technology)
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


@transaction.atomic
def create_service(
    *,
    organisation: Organisation,
    details: ServiceDetails,
    phase: str,
    phase_from: datetime.date,
    created_by: Any,
) -> Service:
    """Add a service to the register with its first phase; it gets the next service ID."""
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
        last_reviewed_on=timezone.localdate(),
        created_by=created_by,
    )
    _apply(service, details)
    PhaseChange.objects.create(
        service=service, phase=phase, applies_from=phase_from, recorded_by=created_by
    )
    _log(service, ChangeKind.CREATED, created_by, [])
    return service


@transaction.atomic
def update_service(*, service: Service, details: ServiceDetails, changed_by: Any) -> Service:
    """Change a service's details; records only the fields that really changed.

    Saving counts as a review, so `last_reviewed_on` moves to today even when nothing changed.
    """
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_retired:
        raise ServiceIsRetired
    details.check(service.organisation)
    before = _snapshot(service)
    _apply(service, details)
    after = _snapshot(service)
    changes = [
        _change(name, before[name], after[name]) for name in after if before[name] != after[name]
    ]
    today = timezone.localdate()
    if service.last_reviewed_on != today:
        Service.objects.filter(pk=service.pk).update(last_reviewed_on=today)
        service.last_reviewed_on = today
    if changes:
        _log(service, ChangeKind.UPDATED, changed_by, changes)
    return service


def _refresh_phase(service: Service) -> None:
    """Set the denormalised phase from the latest PhaseChange (a retired service is retired)."""
    latest = service.phase_changes.order_by("-applies_from", "-id").first()
    if service.is_retired:
        service.phase, service.phase_since = Phase.RETIRED, service.retired_on
    elif latest is not None:
        service.phase, service.phase_since = latest.phase, latest.applies_from
    Service.objects.filter(pk=service.pk).update(
        phase=service.phase, phase_since=service.phase_since, updated_at=timezone.now()
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
    *, service: Service, phase: str, applies_from: datetime.date, recorded_by: Any
) -> PhaseChange:
    """Record that the service is in `phase` from a date; earlier phases stay as history."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_retired:
        raise ServiceIsRetired
    if phase == Phase.RETIRED:
        raise RetireInstead
    _check_phase_date(applies_from)
    before = _in_both_languages(_phase_text(service.phase, service.phase_since))
    change = PhaseChange.objects.create(
        service=service, phase=phase, applies_from=applies_from, recorded_by=recorded_by
    )
    _refresh_phase(service)
    after = _in_both_languages(_phase_text(phase, applies_from))
    _log(service, ChangeKind.PHASE, recorded_by, [_change("phase", before, after)])
    return change


@transaction.atomic
def retire_service(*, service: Service, retired_on: datetime.date, retired_by: Any) -> Service:
    """Take a service out of the register without deleting it: its ID, figures and history
    stay, and it can still be found with "show retired services"."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_retired:
        raise ServiceIsRetired
    _check_phase_date(retired_on)
    before = _in_both_languages(_phase_text(service.phase, service.phase_since))
    PhaseChange.objects.create(
        service=service, phase=Phase.RETIRED, applies_from=retired_on, recorded_by=retired_by
    )
    service.is_retired = True
    service.retired_on = retired_on
    service.save(update_fields=["is_retired", "retired_on", "updated_at"])
    _refresh_phase(service)
    after = _in_both_languages(_phase_text(Phase.RETIRED, retired_on))
    _log(service, ChangeKind.RETIRED, retired_by, [_change("phase", before, after)])
    return service


@transaction.atomic
def mark_service_reviewed(
    *, service: Service, reviewed_by: Any, reviewed_on: datetime.date | None = None
) -> Service:
    """Confirm the record is still right without changing it (baseline rounds use this)."""
    reviewed_on = reviewed_on or timezone.localdate()
    before = _in_both_languages(lambda: format_date(service.last_reviewed_on))
    Service.objects.filter(pk=service.pk).update(last_reviewed_on=reviewed_on)
    service.last_reviewed_on = reviewed_on
    after = _in_both_languages(lambda: format_date(reviewed_on))
    _log(service, ChangeKind.REVIEWED, reviewed_by, [_change("last_reviewed_on", before, after)])
    return service


# --- Figures ----------------------------------------------------------------------------------


def _figure_text(value: MetricValue | None) -> Callable[[], str]:
    def render() -> str:
        if value is None:
            return ""
        if value.value is None:
            return gettext("Not provided: %(reason)s") % {"reason": value.not_provided_reason}
        return format_value(value.value, value.measure.unit)

    return render


@transaction.atomic
def record_metric_value(
    *,
    service: Service,
    measure: Measure,
    period_type: str,
    period_start: datetime.date,
    value: Decimal | None,
    not_provided_reason: str = "",
    source: str = "",
    note: str = "",
    recorded_by: Any,
) -> MetricValue:
    """Record a figure for a period, or why it is not provided; replaces an earlier figure for
    the same service, measure and period (the old one stays in the change log)."""
    if measure.organisation_id not in (None, service.organisation_id):
        raise MeasureNotAvailable
    figure = (
        MetricValue.objects.select_for_update()
        .filter(
            service=service, measure=measure, period_type=period_type, period_start=period_start
        )
        .first()
    )
    before = _in_both_languages(_figure_text(figure))
    if figure is None:
        figure = MetricValue(
            service=service, measure=measure, period_type=period_type, period_start=period_start
        )
    figure.value = value
    figure.not_provided_reason = not_provided_reason.strip()
    figure.source = source.strip()
    figure.note = note.strip()
    figure.recorded_by = recorded_by
    try:
        figure.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidFigure(error.message_dict) from error
    figure.save()
    after = _in_both_languages(_figure_text(figure))
    if before != after:
        label = _in_both_languages(
            lambda: (
                gettext("%(measure)s, %(period)s")
                % {"measure": measure.name, "period": period_label(period_type, period_start)}
            )
        )
        _log(
            service,
            ChangeKind.METRIC,
            recorded_by,
            [{"field": "metric", "label": label, "old": before, "new": after}],
        )
    latest = service.metric_values.filter(value__isnull=False).aggregate(
        latest=Max("period_start")
    )["latest"]
    Service.objects.filter(pk=service.pk).update(latest_metric_period=latest)
    service.latest_metric_period = latest
    return figure


@transaction.atomic
def define_measure(*, organisation: Organisation, name_en: str, name_cy: str, unit: str) -> Measure:
    """A measure of a body's own, for its services only; its code is made from the name."""
    base = slugify(name_en)[:50] or "measure"
    code, number = base, 1
    while Measure.objects.filter(organisation=organisation, code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return Measure.objects.create(
        organisation=organisation,
        code=code,
        name_en=name_en.strip(),
        name_cy=name_cy.strip(),
        unit=unit,
        position=1000,
    )


# --- Shared lists -----------------------------------------------------------------------------


@transaction.atomic
def find_or_add_product(
    *, name: str, supplier: str, category: str, hosting: str, is_open_source: bool
) -> TechnologyProduct:
    """The catalogue's product with this name and supplier (ignoring case and extra spaces),
    added if it is new, so one product used by many bodies stays one record."""
    name = re.sub(r"\s+", " ", name).strip()
    supplier = re.sub(r"\s+", " ", supplier).strip()
    product = TechnologyProduct.objects.filter(name__iexact=name, supplier__iexact=supplier).first()
    if product is None:
        product = TechnologyProduct.objects.create(
            name=name,
            supplier=supplier,
            category=category,
            hosting=hosting,
            is_open_source=is_open_source,
        )
    return product


@transaction.atomic
def save_service_area(
    *,
    area: ServiceArea | None = None,
    code: str = "",
    name_en: str,
    name_cy: str,
    is_active: bool = True,
) -> ServiceArea:
    """Add a service area (with a new code) or rename or withdraw one; codes never change."""
    if area is None:
        area = ServiceArea(code=code)
    area.name_en = name_en.strip()
    area.name_cy = name_cy.strip()
    area.is_active = is_active
    area.full_clean()
    area.save()
    return area
