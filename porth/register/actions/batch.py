"""Many services written at once by the rules for one (docs/adr/0055-batched-import-writes.md).

`create_services` and `change_services` do for each service what `create_service`,
`update_service`, `record_phase` and `retire_service` do: the same checks and the same named
exceptions, the same rows in the change log and the audit log, the same denormalised fields
(phase, Welsh availability, steps in Welsh, the search texts, the version). They write in a
fixed number of statements per batch of `BATCH` services instead of a dozen or more per
service, so a 10,000-row import is a few hundred statements rather than a hundred and fifty
thousand. The caller's transaction keeps it all or nothing: a rule broken by any service
raises before anything of the batch is written, and anything raised later rolls it all back.
"""

import copy
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Q
from django.utils import timezone

from porth.organisations.models import Organisation

from ..description import SIMPLE_FIELDS
from ..models import (
    ChangeKind,
    Hosting,
    Phase,
    PhaseChange,
    Service,
    ServiceChannel,
    ServiceIdCounter,
    TechnologyCategory,
    TechnologyProduct,
    UserGroup,
    format_public_id,
)
from ..structured import NewProduct, fold
from ..validation import reference_in_use
from .history import BATCH, change_entry, in_both_languages, log_changes, snapshot, state
from .lists import find_or_add_product
from .services import (
    CLEAN_EXCLUDE,
    RetireInstead,
    ServiceDetails,
    ServiceIsRetired,
    _check_phase_date,
    _fill,
    _phase_text,
)


@dataclass
class NewService:
    """One service for `create_services`: the arguments of `create_service`."""

    organisation: Organisation
    details: ServiceDetails
    phase: str
    phase_from: datetime.date
    phase_date_given: bool = True


@dataclass
class ServiceEdit:
    """One service for `change_services`: new details (None leaves them as they are), then a
    new phase (`record_phase`) or retirement (`retire_service`), if given."""

    service: Service
    details: ServiceDetails | None = None
    phase: str | None = None
    phase_from: datetime.date | None = None
    phase_date_given: bool = True
    retire_on: datetime.date | None = None


@dataclass
class EditedService:
    """A service as `change_services` left it, with its record read before and after (as the
    change log words it), for previews."""

    service: Service
    before: dict[str, dict[str, str]]
    after: dict[str, dict[str, str]]


RELATIONS = ("users_served", "partner_organisations", "technology")
ROW_FIELDS = [
    *(declared.name for declared in SIMPLE_FIELDS),
    "service_area", "steps", "steps_in_welsh", "team_roles", "welsh_availability",
    "search_document", "search_names", "last_reviewed_on", "version", "is_retired", "retired_on",
    "phase", "phase_since", "phase_date_given", "updated_at",
]  # fmt: skip
"""The columns `change_services` writes back."""


class _Catalogue:
    """What the details name, read once for the batch: user groups by code, and products
    (new ones added to the catalogue once however many services name them)."""

    def __init__(self, details: Sequence[ServiceDetails]):
        codes = {code for item in details for code in item.users_served}
        self.groups = {group.code: group for group in UserGroup.objects.filter(code__in=codes)}
        self.new_products: dict[tuple[str, str], TechnologyProduct] = {}

    def users_served(self, details: ServiceDetails) -> list[UserGroup]:
        codes = dict.fromkeys(details.users_served)
        return [self.groups[code] for code in codes if code in self.groups]

    def technology(self, details: ServiceDetails) -> list[TechnologyProduct]:
        products = []
        for product in details.technology:
            if isinstance(product, NewProduct):
                key = (fold(product.name), fold(product.supplier))
                if key not in self.new_products:
                    self.new_products[key] = find_or_add_product(
                        name=product.name,
                        supplier=product.supplier,
                        category=TechnologyCategory.OTHER,
                        hosting=Hosting.UNKNOWN,
                        is_open_source=False,
                    )
                product = self.new_products[key]
            products.append(product)
        return list({product.pk: product for product in products}.values())

    def related(self, details: ServiceDetails) -> dict[str, list[models.Model]]:
        return {
            "users_served": self.users_served(details),
            "partner_organisations": list(
                {body.pk: body for body in details.partner_organisations}.values()
            ),
            "technology": self.technology(details),
        }


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[start : start + BATCH] for start in range(0, len(items), BATCH)]


def _check_references(services: Sequence[Service]) -> None:
    """A body's reference names one service (`_apply`'s rule), checked for the whole batch."""
    given: dict[tuple[int, str], Service] = {}
    for service in services:
        if not service.reference:
            continue
        key = (service.organisation_id, service.reference)
        if given.setdefault(key, service) is not service:
            raise ValidationError({"reference": [reference_in_use(service.reference)]})
    ours = {service.pk for service in services if service.pk}
    for chunk in _chunks(list(given)):
        query = Q(pk__in=[])
        for organisation_id, reference in chunk:
            query |= Q(organisation_id=organisation_id, reference=reference)
        taken = Service.objects.filter(query).exclude(pk__in=ours).values_list("reference")
        for (reference,) in taken[:1]:
            raise ValidationError({"reference": [reference_in_use(reference)]})


def _check_row(service: Service) -> None:
    """`full_clean` as `_apply` runs it, less its queries: the references are checked for the
    batch (`_check_references`), the retired-has-a-date constraint is kept by construction
    (and by the database), and `created_by` is the person acting, not input."""
    service.full_clean(
        exclude=[*CLEAN_EXCLUDE, "created_by"], validate_unique=False, validate_constraints=False
    )


def _link(services: Sequence[Service], related: Sequence[dict[str, list[models.Model]]]) -> None:
    """The many-to-many rows of new services (or of services whose links were cleared)."""
    for name in RELATIONS:
        declared = Service._meta.get_field(name)
        through = declared.remote_field.through
        own, other = declared.m2m_field_name(), declared.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{own}_id": service.pk, f"{other}_id": item.pk})
                for service, links in zip(services, related, strict=True)
                for item in links[name]
            ],
            batch_size=BATCH,
        )


def _channels(service: Service, details: ServiceDetails) -> list[ServiceChannel]:
    return [
        ServiceChannel(service=service, channel=code, is_available_in_welsh=in_welsh)
        for code, in_welsh in details.channels.items()
    ]


@transaction.atomic
def create_services(*, services: Sequence[NewService], created_by: Any) -> list[Service]:
    """`create_service` for each of `services`, in order: each gets the next service ID, its
    first phase and a "created" entry in its history. Raises what `create_service` raises
    (`InvalidServiceDetails`, `RetireInstead`, `PhaseDateInFuture`, `ValidationError`) for the
    first service that breaks a rule, having written nothing."""
    if not services:
        return []
    for new in services:
        new.details.check(new.organisation)
        if new.phase == Phase.RETIRED:
            raise RetireInstead
        _check_phase_date(new.phase_from)
    catalogue = _Catalogue([new.details for new in services])
    today = timezone.localdate()
    made: list[Service] = []
    for number, new in zip(ServiceIdCounter.allocate(len(services)), services, strict=True):
        service = Service(
            public_id=format_public_id(number),
            organisation=new.organisation,
            phase=new.phase,
            phase_since=new.phase_from,
            phase_date_given=new.phase_date_given,
            last_reviewed_on=today,
            created_by=created_by,
        )
        _fill(service, new.details)
        _check_row(service)
        service.refresh_search_fields()
        made.append(service)
    _check_references(made)
    related = [catalogue.related(new.details) for new in services]
    Service.objects.bulk_create(made, batch_size=BATCH)
    _link(made, related)
    ServiceChannel.objects.bulk_create(
        [
            channel
            for service, new in zip(made, services, strict=True)
            for channel in _channels(service, new.details)
        ],
        batch_size=BATCH,
    )
    PhaseChange.objects.bulk_create(
        [
            PhaseChange(
                service=service,
                phase=new.phase,
                applies_from=new.phase_from,
                date_given=new.phase_date_given,
                recorded_by=created_by,
            )
            for service, new in zip(made, services, strict=True)
        ],
        batch_size=BATCH,
    )
    log_changes([(service, ChangeKind.CREATED, []) for service in made], created_by)
    return made


_ORDER = {
    "users_served": lambda group: group.pk,
    "partner_organisations": lambda body: body.pk,
    "technology": lambda product: (product.name, product.supplier),
}
"""Each relation's model ordering, near enough for the text of a change (`snapshot`)."""


def _remember(service: Service, name: str, items: list[Any]) -> None:
    """Set what `service.<name>.all()` returns without a query, as `prefetch_related` does,
    so the record reads as it will be saved."""
    cache = service.__dict__.setdefault("_prefetched_objects_cache", {})
    cache.pop(name, None)
    query = getattr(service, name).all()
    query._result_cache = list(items)
    query._prefetch_done = True
    cache[name] = query


def _copy(service: Service) -> Service:
    """The service as it is now, kept apart from the changes about to be made to it."""
    original = copy.copy(service)
    original._prefetched_objects_cache = dict(service._prefetched_objects_cache)  # type: ignore[attr-defined]
    original._state = copy.copy(service._state)
    original._state.fields_cache = dict(service._state.fields_cache)
    return original


def load_links(services: Sequence[Service], *, organisation: Organisation | None = None) -> None:
    """What `prefetch_related("users_served", "partner_organisations", "channels",
    "technology")` loads, for many services: each service's `<relation>.all()` then reads
    without a query, in the related model's order as a prefetch gives it.

    Django's prefetch makes a model instance for every link row (a user group ten thousand
    times over) and sends every service's ID back to the database in each query; this reads the
    link rows as pairs of IDs (all of one `organisation`'s, when given, by a join) and each
    related record once, shared by the services that name it (ADR 0055)."""
    by_pk = {service.pk: service for service in services}
    if not by_pk:
        return

    def rows(query: models.QuerySet, own: str) -> list[Any]:
        if organisation is not None:
            return list(query.filter(**{f"{own}__organisation_id": organisation.pk}))
        found = []
        for chunk in _chunks(list(by_pk)):
            found.extend(query.filter(**{f"{own}_id__in": chunk}))
        return found

    for name in RELATIONS:
        declared = Service._meta.get_field(name)
        through = declared.remote_field.through
        own, other = declared.m2m_field_name(), declared.m2m_reverse_field_name()
        pairs = rows(through.objects.values_list(f"{own}_id", f"{other}_id"), own)
        model = declared.related_model
        related = {
            item.pk: item
            for item in model._default_manager.filter(pk__in={pk for _own, pk in pairs})
        }
        place = {pk: number for number, pk in enumerate(related)}
        linked: dict[int, list[models.Model]] = {pk: [] for pk in by_pk}
        for service_pk, pk in sorted(pairs, key=lambda pair: place.get(pair[1], -1)):
            if service_pk in linked and pk in related:
                linked[service_pk].append(related[pk])
        for pk, service in by_pk.items():
            _remember(service, name, linked[pk])
    channels: dict[int, list[ServiceChannel]] = {pk: [] for pk in by_pk}
    for channel in rows(ServiceChannel.objects.order_by("pk"), "service"):
        if channel.service_id in channels:
            channel._state.fields_cache["service"] = by_pk[channel.service_id]
            channels[channel.service_id].append(channel)
    for pk, service in by_pk.items():
        _remember(service, "channels", channels[pk])


def _locked(pks: list[int]) -> dict[int, Service]:
    """The services locked for the transaction, with everything `snapshot` reads."""
    found: dict[int, Service] = {}
    for chunk in _chunks(pks):
        found.update(
            (service.pk, service)
            for service in Service.objects.select_for_update(of=("self",))
            .filter(pk__in=chunk)
            .select_related("organisation", "service_area")
        )
    load_links(list(found.values()))
    return found


@transaction.atomic
def change_services(*, edits: Sequence[ServiceEdit], changed_by: Any) -> list[EditedService]:
    """For each edit in order: `update_service` with its details (when given, without a
    version: imports and the API apply details as given), then `retire_service` or
    `record_phase` (when given). Each service may appear once. Raises what those raise
    (`ServiceIsRetired`, `InvalidServiceDetails`, `RetireInstead`, `PhaseDateInFuture`,
    `ValidationError`) for the first edit that breaks a rule, having written nothing.

    Returns each service as saved, with its record before and after."""
    if not edits:
        return []
    pks = [edit.service.pk for edit in edits]
    if len(set(pks)) != len(pks):
        raise ValueError("Each service may be changed once in a batch.")
    locked = _locked(pks)
    catalogue = _Catalogue([edit.details for edit in edits if edit.details is not None])
    today, now = timezone.localdate(), timezone.now()
    phase_texts: dict[tuple[str, datetime.date | None], dict[str, str]] = {}

    def phase_text(phase: str, since: datetime.date | None) -> dict[str, str]:
        """A phase and its date in both languages, worked out once per phase and date."""
        if (phase, since) not in phase_texts:
            phase_texts[phase, since] = in_both_languages(_phase_text(phase, since))
        return dict(phase_texts[phase, since])

    entries: list[tuple[Service, str, list[dict[str, Any]]]] = []
    edited: list[EditedService] = []
    relinked: list[tuple[Service, dict[str, list[models.Model]]]] = []
    channels: list[tuple[Service, ServiceDetails]] = []
    phases: list[PhaseChange] = []
    for edit in edits:
        service = locked[edit.service.pk]
        if service.is_retired:
            raise ServiceIsRetired
        before: dict[str, dict[str, str]] = {}
        after: dict[str, dict[str, str]] = {}
        if edit.details is not None:
            old_state, original = state(service), _copy(service)
            details = edit.details
            details.check(service.organisation)
            old_channels = {c.channel: c.is_available_in_welsh for c in service.channels.all()}
            _fill(service, details)
            _check_row(service)
            service.refresh_search_fields()
            links = catalogue.related(details)
            moved = [
                name
                for name in RELATIONS
                if {item.pk for item in links[name]}
                != {item.pk for item in getattr(service, name).all()}
            ]
            if moved:
                relinked.append((service, links))
            for name in moved:  # the rest keep the order the database gave them
                _remember(service, name, sorted(links[name], key=_ORDER[name]))
            if dict(details.channels) != old_channels:
                channels.append((service, details))
                _remember(service, "channels", _channels(service, details))
            new_state = state(service)
            differ = [name for name in new_state if old_state[name] != new_state[name]]
            after = snapshot(service, differ)
            before = snapshot(original, differ)
            changed = [name for name in differ if before[name] != after[name]]
            service.last_reviewed_on = today
            if changed:
                entries.append(
                    (
                        service,
                        ChangeKind.UPDATED,
                        [change_entry(name, before[name], after[name]) for name in changed],
                    )
                )
                service.version += 1
        phase_before = phase_text(service.phase, service.phase_since)
        if edit.retire_on is not None:
            _check_phase_date(edit.retire_on)
            phases.append(
                PhaseChange(
                    service=service,
                    phase=Phase.RETIRED,
                    applies_from=edit.retire_on,
                    recorded_by=changed_by,
                )
            )
            service.is_retired, service.retired_on = True, edit.retire_on
            phase_after = phase_text(Phase.RETIRED, edit.retire_on)
            entries.append(
                (service, ChangeKind.RETIRED, [change_entry("phase", phase_before, phase_after)])
            )
            service.version += 1
        elif edit.phase is not None:
            if edit.phase == Phase.RETIRED:
                raise RetireInstead
            assert edit.phase_from is not None
            _check_phase_date(edit.phase_from)
            phases.append(
                PhaseChange(
                    service=service,
                    phase=edit.phase,
                    applies_from=edit.phase_from,
                    date_given=edit.phase_date_given,
                    recorded_by=changed_by,
                )
            )
            phase_after = phase_text(edit.phase, edit.phase_from)
            entries.append(
                (service, ChangeKind.PHASE, [change_entry("phase", phase_before, phase_after)])
            )
            service.version += 1
        service.updated_at = now
        edited.append(EditedService(service=service, before=before, after=after))
    _check_references([item.service for item in edited if item.service.reference])
    PhaseChange.objects.bulk_create(phases, batch_size=BATCH)
    _refresh_phases([change.service for change in phases])
    _save_rows([item.service for item in edited])
    for name in RELATIONS:
        through = Service._meta.get_field(name).remote_field.through
        for chunk in _chunks([service.pk for service, _links in relinked]):
            through.objects.filter(service_id__in=chunk).delete()
    _link([service for service, _ in relinked], [links for _, links in relinked])
    for chunk in _chunks([service.pk for service, _details in channels]):
        ServiceChannel.objects.filter(service_id__in=chunk).delete()
    ServiceChannel.objects.bulk_create(
        [channel for service, _ in channels for channel in service.channels.all()],
        batch_size=BATCH,
    )
    log_changes(entries, changed_by)
    return edited


def _save_rows(services: Sequence[Service]) -> None:
    """Write `ROW_FIELDS` of each service back: one UPDATE by primary key, sent for all of them
    at once (`executemany`). `bulk_update` would say the same with a CASE per field and row,
    which takes Django longer to build than the database to run."""
    if not services:
        return
    database = connections[Service.objects.db]
    fields = [Service._meta.get_field(name) for name in ROW_FIELDS]
    quote = database.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(Service._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(Service._meta.pk.column),
    )
    for service in services:
        service.refresh_search_fields()
    rows = [
        [field.get_db_prep_save(getattr(service, field.attname), database) for field in fields]
        + [service.pk]
        for service in services
    ]
    with database.cursor() as cursor:
        for chunk in _chunks(rows):
            cursor.executemany(sql, chunk)


def _refresh_phases(services: Sequence[Service]) -> None:
    """`_refresh_phase` for many: each service's phase is its latest PhaseChange (a retired
    service is retired), set on the instances for `change_services` to write back."""
    latest: dict[int, PhaseChange] = {}
    for chunk in _chunks([service.pk for service in services]):
        for change in PhaseChange.objects.filter(service_id__in=chunk).order_by(
            "service_id", "applies_from", "id"
        ):
            latest[change.service_id] = change
    for service in services:
        if service.is_retired:
            service.phase, service.phase_since = Phase.RETIRED, service.retired_on
            service.phase_date_given = True
        elif service.pk in latest:
            change = latest[service.pk]
            service.phase, service.phase_since = change.phase, change.applies_from
            service.phase_date_given = change.date_given
