"""Seed the register: its reference data always, and with `demo` a realistic demo register.

`seed` is called by `manage.py seed` (see porth/core/seeding.py). The demo register is made up but
realistic: bilingual, reproducible services with trending monthly figures, whose kinds and
technology products are read from data/demo_service_types.json and data/demo_products.json.

`generate_demo_register` fills the register for the organisations already loaded. Everything
random comes from one `random.Random(seed)`, so the same seed, size and date give the same
register. Rows are written with `bulk_create` in chunks, so a benchmark-sized register
(100,000 services with about 100 figures each) fits in memory and time; because bulk writes
skip `save()` and the actions, this module fills in the denormalised fields itself (see
`Service`'s docstring) and writes one "Service added" entry per service in the change log.
"""

import datetime
import json
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from porth.core.seeding import SeedOptions
from porth.organisations.models import Organisation

from . import reference_data
from .models import (
    ChangeKind,
    Measure,
    MetricValue,
    PeriodType,
    Phase,
    PhaseChange,
    Service,
    ServiceArea,
    ServiceChange,
    ServiceChannel,
    ServiceIdCounter,
    TeamRole,
    TechnologyProduct,
    Unit,
    UserGroup,
    add_months,
    fold_for_search,
    format_public_id,
    period_end,
    summarise_steps_in_welsh,
    summarise_welsh_availability,
)

DEPENDS_ON = ("organisations",)

CHUNK = 500
SOURCE = "Demo data"
DATA_DIR = Path(__file__).resolve().parent / "data"

BODY_GROUPS = {
    "principal_council": "council",
    "local_health_board": "health",
    "nhs_trust": "health",
    "special_health_authority": "health",
    "fire_and_rescue_service": "fire",
    "police_force": "police",
    "devolved_government": "national",
    "arms_length_body": "national",
}
PHASE_ORDER = [
    Phase.DISCOVERY,
    Phase.ALPHA,
    Phase.PRIVATE_BETA,
    Phase.PUBLIC_BETA,
    Phase.LIVE,
    Phase.RETIRING,
]
PHASE_WEIGHTS = [5, 5, 4, 8, 72, 3]
FIRST_NAMES = [
    "Alys", "Aled", "Bethan", "Carys", "Dafydd", "Elin", "Ffion", "Gareth", "Gethin", "Huw",
    "Ieuan", "Lowri", "Megan", "Nia", "Owain", "Rhian", "Rhys", "Seren", "Siân", "Tomos",
]  # fmt: skip
SURNAMES = [
    "Davies", "Evans", "Griffiths", "Hughes", "Jones", "Lewis", "Morgan", "Owen", "Powell",
    "Price", "Pritchard", "Rees", "Roberts", "Thomas", "Williams",
]  # fmt: skip
OWNER_ROLES = [
    "Service owner",
    "Head of customer services",
    "Digital services manager",
    "Service manager",
    "Head of service",
]
FY = PeriodType.FINANCIAL_YEAR
NOT_PROVIDED = {
    "user-satisfaction": "We did not run a satisfaction survey in this period.",
    "cost-per-transaction": "Staff time is not yet recorded per case.",
}


class NoOrganisations(Exception):
    """Demo services need bodies to own them: load the organisations first (`manage.py seed`)."""


@dataclass(frozen=True)
class ServiceType:
    """A kind of service some bodies offer, with what a typical one looks like.

    Names are the tasks people really do with Welsh public bodies, in both languages.
    """

    bodies: str  # council, health, fire, police, national or any
    area: str  # ServiceArea code
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    users: tuple[str, ...]
    channels: tuple[str, ...]  # the first is the main channel
    online_steps: tuple[str, ...]  # its steps, each done online by most bodies that offer it
    technology: tuple[str, ...]  # categories of product it tends to use (see Product)
    monthly_volume: int  # transactions a month in a middle-sized body


@dataclass(frozen=True)
class Product:
    """A real, widely used product, named as a fact; which body uses it is invented."""

    name: str
    supplier: str
    category: str
    hosting: str
    is_open_source: bool
    service_areas: tuple[str, ...]  # ServiceArea codes it is made for; empty means any area


@cache
def service_types() -> tuple[ServiceType, ...]:
    """The kinds of demo service, from data/demo_service_types.json."""
    rows = json.loads((DATA_DIR / "demo_service_types.json").read_text(encoding="utf-8"))
    return tuple(
        ServiceType(**{key: tuple(v) if isinstance(v, list) else v for key, v in row.items()})
        for row in rows
    )


@cache
def products() -> tuple[Product, ...]:
    """The technology catalogue of the demo register, from data/demo_products.json."""
    rows = json.loads((DATA_DIR / "demo_products.json").read_text(encoding="utf-8"))
    return tuple(Product(**{**row, "service_areas": tuple(row["service_areas"])}) for row in rows)


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """Reference data (areas, user groups, shared measures) always; with `demo`, a demo
    register of `options.services` services, unless the register already has services, so
    running it again adds nothing."""
    reference_data.seed()
    out("Service areas, user groups and shared measures are in place.")
    if not demo:
        return
    if existing := Service.objects.count():
        out(f"The register already has {existing} services; no demo services added.")
        return
    result = generate_demo_register(
        services=options.services,
        months=options.months,
        seed=options.random_seed,
        today=options.today,
    )
    out(
        f"Generated {result.services} services with {result.figures} figures "
        f"for {result.organisations} organisations."
    )


@dataclass
class DemoResult:
    services: int = 0
    figures: int = 0
    organisations: int = 0


@dataclass
class _Plan:
    """One service before it is written: the row and everything that hangs off it."""

    service: Service
    users: list[int] = field(default_factory=list)
    products: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)
    channels: list[ServiceChannel] = field(default_factory=list)
    phases: list[PhaseChange] = field(default_factory=list)
    figures: list[MetricValue] = field(default_factory=list)


class _Generator:
    def __init__(
        self,
        *,
        seed: int,
        months: int,
        today: datetime.date,
        organisations: list[Organisation],
    ):
        self.rng = random.Random(seed)
        self.months = months
        self.today = today
        reference_data.seed()
        self.partner_pool: dict[str, list[int]] = defaultdict(list)
        for organisation in organisations:
            self.partner_pool[organisation.type].append(organisation.pk)
        self.areas = {area.code: area.pk for area in ServiceArea.objects.all()}
        self.groups = {group.code: group.pk for group in UserGroup.objects.all()}
        self.measures = {m.code: m for m in Measure.objects.filter(organisation__isnull=True)}
        self.products = self._catalogue()
        self.types = {
            group: [t for t in service_types() if t.bodies in (group, "any")]
            for group in set(BODY_GROUPS.values())
        }

    @staticmethod
    def _catalogue() -> dict[tuple[str, str], list[int]]:
        """Product ids by (category, service area), most used first, so that some products
        end up widely shared; products made for any area are listed under area ""."""
        catalogue: dict[tuple[str, str], list[int]] = defaultdict(list)
        for item in products():
            product = TechnologyProduct.objects.filter(
                name__iexact=item.name, supplier__iexact=item.supplier
            ).first() or TechnologyProduct.objects.create(
                name=item.name,
                supplier=item.supplier,
                category=item.category,
                hosting=item.hosting,
                is_open_source=item.is_open_source,
            )
            for area in item.service_areas or ("",):
                catalogue[item.category, area].append(product.pk)
        return catalogue

    def _products_for(self, kind: ServiceType) -> list[int]:
        """One product per category the kind of service uses (most of the time), preferring
        products made for its area; case management with no such product uses a CRM."""
        chosen = set()
        for category in kind.technology:
            candidates = self.products.get((category, kind.area)) or self.products.get(
                (category, "")
            )
            if not candidates and category == "case_management":
                candidates = self.products.get(("crm", ""))
            if candidates and self.rng.random() < 0.8:
                chosen.add(self._pick(candidates))
        return sorted(chosen)

    def _pick(self, items: list, weights_fall: float = 0.6):
        weights = [weights_fall**index for index in range(len(items))]
        return self.rng.choices(items, weights=weights)[0]

    def plan(
        self, number: int, organisation: Organisation, kind: ServiceType, round_: int
    ) -> _Plan:
        rng = self.rng
        suffix = f" ({round_ + 1})" if round_ else ""
        name_en, name_cy = kind.name_en + suffix, kind.name_cy + suffix
        owner_first, owner_last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        website = organisation.website.rstrip("/")
        service = Service(
            public_id=format_public_id(number),
            organisation=organisation,
            name_en=name_en,
            name_cy=name_cy,
            description_en=kind.description_en,
            description_cy=kind.description_cy,
            url_en=f"{website}/en/{slugify(kind.name_en)}" if website else "",
            url_cy=f"{website}/cy/{slugify(kind.name_cy)}" if website else "",
            service_area_id=self.areas[kind.area],
            owner_name=f"{owner_first} {owner_last}",
            owner_role=rng.choice(OWNER_ROLES),
            owner_email=fold_for_search(f"{owner_first}.{owner_last}@example.gov.uk"),
            last_reviewed_on=self.today - datetime.timedelta(days=rng.randint(0, 500)),
        )
        plan = _Plan(service=service, users=[self.groups[code] for code in kind.users])
        self._phases(plan)
        self._channels(plan, kind)
        service.steps = self._steps(plan, kind, rng)
        service.steps_in_welsh = summarise_steps_in_welsh(service.steps)
        team_size = rng.randint(1, len(TeamRole.values))
        service.team_roles = sorted(
            rng.sample(TeamRole.values, team_size), key=TeamRole.values.index
        )
        plan.products = self._products_for(kind)
        if rng.random() < 0.04:
            partner = rng.choice(self.partner_pool[organisation.type])
            plan.partners = [partner] if partner != organisation.pk else []
        self._figures(plan, kind)
        service.refresh_search_fields()
        return plan

    def _phases(self, plan: _Plan) -> None:
        rng, service = self.rng, plan.service
        current = rng.choices(PHASE_ORDER, weights=PHASE_WEIGHTS)[0]
        since = self.today - datetime.timedelta(days=rng.randint(20, 2500))
        earlier = [p for p in PHASE_ORDER[: PHASE_ORDER.index(current)] if rng.random() < 0.4]
        day = since
        history = []
        for phase in reversed(earlier):
            day -= datetime.timedelta(days=rng.randint(40, 300))
            history.insert(0, (phase, day))
        history.append((current, since))
        service.phase, service.phase_since = current, since
        if current in (Phase.LIVE, Phase.RETIRING) and rng.random() < 0.03:
            retired_on = min(self.today, since + datetime.timedelta(days=rng.randint(30, 900)))
            history.append((Phase.RETIRED, retired_on))
            service.is_retired, service.retired_on = True, retired_on
            service.phase, service.phase_since = Phase.RETIRED, retired_on
        plan.phases = [PhaseChange(phase=phase, applies_from=day) for phase, day in history]

    def _channels(self, plan: _Plan, kind: ServiceType) -> None:
        rng = self.rng
        chosen = [kind.channels[0]] + [c for c in kind.channels[1:] if rng.random() < 0.8]
        plan.channels = [
            ServiceChannel(
                channel=channel,
                is_available_in_welsh=rng.random() < (0.85 if index == 0 else 0.55),
            )
            for index, channel in enumerate(chosen)
        ]
        plan.service.welsh_availability = summarise_welsh_availability(
            (c.channel, c.is_available_in_welsh) for c in plan.channels
        )

    def _steps(self, plan: _Plan, kind: ServiceType, rng: random.Random) -> list[dict]:
        """The type's steps: most done online where the service is online, and in Welsh
        where the channel they are done through works in Welsh."""
        welsh = {c.channel for c in plan.channels if c.is_available_in_welsh}
        has_online = "online" in {c.channel for c in plan.channels}
        steps = []
        for step in kind.online_steps:
            online = rng.random() < 0.85 if has_online else False
            in_welsh = "online" in welsh if online else bool(welsh - {"online"})
            steps.append({"step": step, "online": online, "welsh": in_welsh})
        return steps

    def _figures(self, plan: _Plan, kind: ServiceType) -> None:
        """Monthly KPIs and transactions, quarterly cost per transaction, gently trending."""
        rng, service = self.rng, plan.service
        if self.months <= 0 or rng.random() < 0.1:
            return  # some services report nothing: the baseline is never complete
        last = add_months(self.today.replace(day=1), -1)
        if rng.random() < 0.08:
            last = add_months(last, -rng.randint(7, 12))  # stopped reporting: stale
        if service.retired_on:
            last = min(last, service.retired_on.replace(day=1))
        first = add_months(last, -(self.months - 1))
        channels = [c.channel for c in plan.channels]
        has_welsh = any(c.is_available_in_welsh for c in plan.channels)
        volume = max(5.0, kind.monthly_volume * rng.lognormvariate(0, 0.6))
        take_up = rng.uniform(25, 85) if "online" in channels else 0.0
        satisfaction = rng.uniform(60, 90)
        completion = rng.uniform(55, 92)
        cost = rng.uniform(1.5, 25)
        welsh_share = rng.uniform(0.02, 0.12) if has_welsh else 0.0
        other_weights = {c: rng.uniform(0.2, 1) for c in channels if c != "online"}
        for step in range(self.months):
            month = add_months(first, step)
            season = 1 + 0.12 * math.sin(2 * math.pi * month.month / 12)
            total = volume * season * rng.uniform(0.9, 1.1)
            if "online" in channels:
                take_up = min(99.0, take_up + rng.uniform(-0.5, 1.5))
                self._add(plan, "digital-take-up", month, take_up, PeriodType.MONTH)
                self._add(plan, "transactions-online", month, total * take_up / 100)
            offline = total * (1 - take_up / 100)
            weight_sum = sum(other_weights.values()) or 1
            for channel, weight in other_weights.items():
                self._add(
                    plan,
                    f"transactions-{channel.replace('_', '-')}",
                    month,
                    offline * weight / weight_sum,
                )
            satisfaction = min(99.0, max(30.0, satisfaction + rng.uniform(-2, 2.2)))
            self._add(plan, "user-satisfaction", month, satisfaction, PeriodType.MONTH)
            completion = min(99.0, max(30.0, completion + rng.uniform(-1.5, 1.8)))
            self._add(plan, "completion-rate", month, completion, PeriodType.MONTH)
            if has_welsh:
                self._add(plan, "transactions-in-welsh", month, total * welsh_share)
            if month.month in (1, 4, 7, 10) and add_months(month, 2) <= last:
                cost = max(0.4, cost * rng.uniform(0.93, 1.02))
                self._add(plan, "cost-per-transaction", month, cost, PeriodType.QUARTER)
        if "online" in channels and rng.random() < 0.5:
            # Many bodies count visits and enquiries by financial year (ADR 0046): the last
            # one that had ended by the last month with figures.
            year = last.year - 1 if last.month >= 3 else last.year - 2
            start = datetime.date(year, 4, 1)
            self._add(plan, "website-visits", start, volume * 12 * rng.uniform(3, 8), FY)
            self._add(plan, "enquiries", start, volume * 12 * rng.uniform(0.1, 0.4), FY)
        provided = [f.period_start for f in plan.figures if f.value is not None]
        service.latest_metric_period = max(provided) if provided else None

    def _add(
        self,
        plan: _Plan,
        code: str,
        start: datetime.date,
        amount: float,
        period_type: str = PeriodType.MONTH,
    ) -> None:
        measure = self.measures[code]
        reason = ""
        if code in NOT_PROVIDED and self.rng.random() < 0.03:
            value = None
            reason = NOT_PROVIDED[code]
        elif measure.unit == Unit.COUNT:
            value = Decimal(round(amount))
        else:
            value = Decimal(str(round(amount, 1 if measure.unit == Unit.PERCENT else 2)))
        plan.figures.append(
            MetricValue(
                measure_id=measure.pk,
                unit=measure.unit,
                period_type=period_type,
                period_start=start,
                period_end=period_end(period_type, start),
                value=value,
                not_provided_reason=reason,
                source=SOURCE,
            )
        )


def _write(plans: list[_Plan]) -> int:
    """Write one chunk of planned services and everything that hangs off them."""
    Service.objects.bulk_create([plan.service for plan in plans])
    users, products, partners, channels, phases, figures, changes = [], [], [], [], [], [], []
    users_through = Service.users_served.through
    products_through = Service.technology.through
    partners_through = Service.partner_organisations.through
    for plan in plans:
        service_id = plan.service.pk
        users += [users_through(service_id=service_id, usergroup_id=pk) for pk in plan.users]
        products += [
            products_through(service_id=service_id, technologyproduct_id=pk) for pk in plan.products
        ]
        partners += [
            partners_through(service_id=service_id, organisation_id=pk) for pk in plan.partners
        ]
        for row in (*plan.channels, *plan.phases, *plan.figures):
            row.service_id = service_id
        channels += plan.channels
        phases += plan.phases
        figures += plan.figures
        changes.append(ServiceChange(service_id=service_id, kind=ChangeKind.CREATED, changes=[]))
    users_through.objects.bulk_create(users)
    products_through.objects.bulk_create(products)
    partners_through.objects.bulk_create(partners)
    ServiceChannel.objects.bulk_create(channels)
    PhaseChange.objects.bulk_create(phases)
    ServiceChange.objects.bulk_create(changes)
    MetricValue.objects.bulk_create(figures, batch_size=5000)
    return len(figures)


def generate_demo_register(
    *, services: int, months: int, seed: int = 1, today: datetime.date | None = None
) -> DemoResult:
    """Add `services` demo services spread over the loaded organisations, each with up to
    `months` months of figures ending last month. Bodies get the kinds of service bodies of
    their type offer; a kind repeated within one body gets a number, "(2)", "(3)", …"""
    organisations = list(Organisation.objects.order_by("slug"))
    if not organisations:
        raise NoOrganisations
    generator = _Generator(
        seed=seed,
        months=months,
        today=today or timezone.localdate(),
        organisations=organisations,
    )
    numbers = iter(ServiceIdCounter.allocate(services))
    made_per_body: dict[int, int] = defaultdict(int)
    result = DemoResult(organisations=len(organisations))

    def planned():
        for index in range(services):
            organisation = organisations[index % len(organisations)]
            kinds = generator.types[BODY_GROUPS.get(organisation.type, "national")]
            made = made_per_body[organisation.pk]
            made_per_body[organisation.pk] += 1
            kind = kinds[made % len(kinds)]
            yield generator.plan(next(numbers), organisation, kind, made // len(kinds))

    stream = planned()
    while chunk := list(islice(stream, CHUNK)):
        with transaction.atomic():
            result.figures += _write(chunk)
        result.services += len(chunk)
    return result
