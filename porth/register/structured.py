"""The structured details of a service (codes, related records, channels, steps): how each is
read and checked, once, for every door (docs/adr/0048-structured-fields-declared-once.md).

A door hands a kind the raw values of the field's columns, as it has them: the question pages
the ticked boxes, the import the cells' text ("public; businesses"), the API its JSON lists.
The kind turns them into the value `actions.ServiceDetails` carries, or raises `Refused` naming
the column and the shared message (`validation.py`), so the same bad value reads the same in
either language whichever door it came in by. Only columns that were given are passed: a
column left out keeps what the service already has (`current`).
"""

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils import translation

from porth.organisations.models import Organisation

from .models import ServiceArea, TechnologyProduct
from .models import codes as choice_codes
from .validation import (
    inactive_service_area,
    not_one_of_the_services,
    partner_is_owner,
    unknown_code,
    unknown_organisation,
    unknown_product,
    unknown_service_area,
)

LIST_SEPARATORS = re.compile(r"\s*[;\n]\s*")
PRODUCT = re.compile(r"^(?P<name>.+?)\s*\((?P<supplier>[^()]*)\)$")
Given = dict[str, Any]


class Refused(Exception):
    """A value of one of the field's columns breaks a rule; `error` says so in both languages."""

    def __init__(self, column: str, error: ValidationError):
        super().__init__(column, error.messages)
        self.column = column
        self.error = error


def fold(name: str) -> str:
    return re.sub(r"\s+", " ", str(name)).strip().casefold()


def split_items(raw: Any) -> list[str]:
    """A list as any door gives it: a JSON list, ticked boxes, or text separated by "; " or
    line breaks (downloads separate items with "; ")."""
    if raw is None:
        return []
    if isinstance(raw, list | tuple | set):
        return [str(item).strip() for item in raw if str(item).strip()]
    return [item for item in LIST_SEPARATORS.split(str(raw).strip()) if item]


@cache
def choice_names(choices: type) -> dict[str, str]:
    """Every way a code may be written (the code, its English or Welsh label) → the code."""
    names: dict[str, str] = {}
    for code, label in choices.choices:
        names[code.casefold()] = code
        for language in ("en", "cy"):
            with translation.override(language):
                names[str(label).casefold()] = code
    return names


def code_of(value: str, choices: type, column: str) -> str:
    found = choice_names(choices).get(value.strip().casefold())
    if found is None:
        raise Refused(column, unknown_code(value, ", ".join(choice_codes(choices))))
    return found


@dataclass
class NewProduct:
    """A product named in a file or the API that the catalogue does not have yet: the action
    adds it (with an unknown category and hosting) when the service is saved."""

    name: str
    supplier: str

    def __str__(self) -> str:
        return f"{self.name} ({self.supplier})" if self.supplier else self.name


class Lookups:
    """What codes and names may stand for, read once per form, file or API request."""

    def __init__(self, organisation: Organisation | None):
        self.organisation = organisation

    @cached_property
    def areas(self) -> dict[str, ServiceArea]:
        found: dict[str, ServiceArea] = {}
        for area in ServiceArea.objects.all():
            for name in (area.code, area.name_en, area.name_cy):
                found[fold(name)] = area
        return found

    @cached_property
    def area_codes(self) -> str:
        return ", ".join(sorted({area.code for area in self.areas.values() if area.is_active}))

    @cached_property
    def organisations(self) -> dict[str, Organisation]:
        found: dict[str, Organisation] = {}
        for body in Organisation.objects.all():
            for name in (body.slug, body.name_en, body.name_cy):
                found[fold(name)] = body
        return found

    @cached_property
    def products(self) -> dict[str, TechnologyProduct]:
        found: dict[str, TechnologyProduct] = {}
        for product in TechnologyProduct.objects.all():
            found[str(product.pk)] = product
            found.setdefault(fold(str(product)), product)
        return found


class Kind:
    """How one structured field's columns are read. `columns` are its column codes, the first
    the one that holds the codes themselves."""

    columns: tuple[str, ...] = ()
    many: ClassVar[bool] = True

    def parse(self, given: Given, *, lookups: Lookups, current: Any = None) -> Any:
        raise NotImplementedError

    def cells(self, value: Any) -> dict[str, list[str]]:
        """The value as codes per column: what downloads write and forms tick."""
        raise NotImplementedError


@dataclass(frozen=True)
class CodeList(Kind):
    """Codes from a fixed list ("public; businesses"), kept in the list's order."""

    column: str
    choices: type

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (self.column,)

    def parse(self, given: Given, *, lookups: Lookups, current: Any = None) -> list[str]:
        chosen = {
            code_of(item, self.choices, self.column) for item in split_items(given[self.column])
        }
        return [code for code in choice_codes(self.choices) if code in chosen]

    def cells(self, value: Any) -> dict[str, list[str]]:
        chosen = set(value or ())
        return {self.column: [code for code in choice_codes(self.choices) if code in chosen]}


@dataclass(frozen=True)
class Area(Kind):
    """One service area, by code or name; one withdrawn since is allowed only for a service
    that already has it."""

    column: str = "service_area"
    many: ClassVar[bool] = False

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (self.column,)

    def parse(self, given: Given, *, lookups: Lookups, current: Any = None) -> ServiceArea | None:
        value = str(given[self.column] or "").strip()
        if not value:
            return None
        area = lookups.areas.get(fold(value))
        if area is None:
            raise Refused(self.column, unknown_service_area(value, lookups.area_codes))
        if not area.is_active and area != current:
            raise Refused(self.column, inactive_service_area(value))
        return area

    def cells(self, value: Any) -> dict[str, list[str]]:
        return {self.column: [value.code] if value else []}


@dataclass(frozen=True)
class Partners(Kind):
    """Other organisations that run the service, by code or name; never its own body."""

    column: str = "partner_organisations"

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (self.column,)

    def parse(self, given: Given, *, lookups: Lookups, current: Any = None) -> list[Organisation]:
        found: dict[int, Organisation] = {}
        for item in split_items(given[self.column]):
            body = lookups.organisations.get(fold(item))
            if body is None:
                raise Refused(self.column, unknown_organisation(item))
            if lookups.organisation is not None and body.pk == lookups.organisation.pk:
                raise Refused(self.column, partner_is_owner())
            found[body.pk] = body
        return sorted(found.values(), key=lambda body: body.slug)

    def cells(self, value: Any) -> dict[str, list[str]]:
        return {self.column: sorted(body.slug for body in value or ())}


@dataclass(frozen=True)
class Products(Kind):
    """Products of the catalogue, by ID or as "Name (Supplier)"; a name the catalogue does not
    have is a new product, added when the service is saved."""

    column: str = "technology"

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (self.column,)

    def parse(self, given: Given, *, lookups: Lookups, current: Any = None) -> list[Any]:
        found: list[Any] = []
        for item in split_items(given[self.column]):
            product = lookups.products.get(item) or lookups.products.get(fold(item))
            if product is None and item.isdigit():
                raise Refused(self.column, unknown_product(item))
            if product is None:
                match = PRODUCT.match(item)
                name, supplier = (match["name"], match["supplier"]) if match else (item, "")
                product = NewProduct(name=name.strip(), supplier=supplier.strip())
            if product not in found:
                found.append(product)
        return found

    def cells(self, value: Any) -> dict[str, list[str]]:
        return {self.column: sorted(str(product) for product in value or ())}


@dataclass(frozen=True)
class Flagged(Kind):
    """Codes from a fixed list, each with yes-or-no flags given as lists of their own: the
    channels a service offers and which work in Welsh; the steps of a service and which can
    be done online and in Welsh. A code in a flag's list must be one of the codes too, unless
    `implied` and the codes' own column was not given (a file from before the codes' column
    existed names only the flagged ones)."""

    column: str
    choices: type
    flags: tuple[tuple[str, str], ...]  # (flag, its column)
    outside: str  # what the codes are, for the message: "channels" or "steps"
    implied: bool = False

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return (self.column, *(column for _flag, column in self.flags))

    def records(self, value: Any) -> dict[str, dict[str, bool]]:
        """{code: {flag: yes or no}} from the value the details carry."""
        raise NotImplementedError

    def value(self, records: dict[str, dict[str, bool]]) -> Any:
        raise NotImplementedError

    def _codes(self, raw: Any, column: str) -> list[str]:
        chosen = {code_of(item, self.choices, column) for item in split_items(raw)}
        return [code for code in choice_codes(self.choices) if code in chosen]

    def parse(self, given: Given, *, lookups: Lookups, current: Any = None) -> Any:
        before = self.records(current) if current is not None else {}
        codes = (
            self._codes(given[self.column], self.column) if self.column in given else list(before)
        )
        flagged: dict[str, list[str]] = {}
        for flag, column in self.flags:
            if column in given:
                flagged[flag] = self._codes(given[column], column)
            else:
                flagged[flag] = [code for code, flags in before.items() if flags.get(flag)]
        if self.implied and self.column not in given:
            for flag, column in self.flags:
                if column in given:
                    codes += [code for code in flagged[flag] if code not in codes]
        for flag, column in self.flags:
            if column not in given:
                continue
            for code in flagged[flag]:
                if code not in codes:
                    label = dict(self.choices.choices)[code]
                    raise Refused(column, not_one_of_the_services(self.outside, label))
        ordered = [code for code in choice_codes(self.choices) if code in set(codes)]
        return self.value(
            {code: {flag: code in flagged[flag] for flag, _c in self.flags} for code in ordered}
        )

    def cells(self, value: Any) -> dict[str, list[str]]:
        records = self.records(value)
        ordered = [code for code in choice_codes(self.choices) if code in records]
        return {
            self.column: ordered,
            **{
                column: [code for code in ordered if records[code].get(flag)]
                for flag, column in self.flags
            },
        }


@dataclass(frozen=True)
class Channels(Flagged):
    """`{channel: works in Welsh}`, as `ServiceDetails.channels` carries it."""

    def records(self, value: Any) -> dict[str, dict[str, bool]]:
        return {code: {"welsh": bool(welsh)} for code, welsh in dict(value or {}).items()}

    def value(self, records: dict[str, dict[str, bool]]) -> dict[str, bool]:
        return {code: flags["welsh"] for code, flags in records.items()}


@dataclass(frozen=True)
class Steps(Flagged):
    """`[{"step": code, "online": bool, "welsh": bool}]`, as `Service.steps` stores it."""

    def records(self, value: Any) -> dict[str, dict[str, bool]]:
        return {
            record["step"]: {flag: bool(record.get(flag)) for flag, _c in self.flags}
            for record in value or ()
        }

    def value(self, records: dict[str, dict[str, bool]]) -> list[dict[str, Any]]:
        return [{"step": code, **flags} for code, flags in records.items()]
