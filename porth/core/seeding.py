"""Find each installed app's `demo` module and run their `seed` functions in dependency order.

Core knows no domain app: it asks Django for the installed apps and looks for a `demo` module in
each, so a new app plugs in by adding `<app>/demo.py` (the contract is in section 7 of
docs/architecture.md and in `porth/core/management/commands/seed.py`).
"""

import datetime
import importlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from types import ModuleType
from typing import Protocol

from django.utils import timezone


@dataclass(frozen=True)
class SeedOptions:
    """What `manage.py seed` passes every app; each app reads only the fields it needs."""

    services: int = 300  # demo services in the register
    months: int = 24  # months of figures per demo service, ending last month
    random_seed: int = 1  # same seed, same demo register
    today: datetime.date = field(default_factory=timezone.localdate)


class AppLike(Protocol):
    """The two attributes of an AppConfig that discovery reads (a stub will do in tests)."""

    name: str
    label: str


@dataclass(frozen=True)
class DemoModule:
    """One app's `demo` module: its label, what it must run after, and its `seed` function."""

    label: str
    depends_on: tuple[str, ...]
    seed: Callable[..., None]


class SeedOrderInvalid(Exception):
    """The declared dependencies name an app without a demo module, or go round in a circle."""


def discover_demo_modules(app_configs: Iterable[AppLike]) -> list[DemoModule]:
    """The `demo` modules of the given apps that define `seed`, in the apps' order.

    `find_spec` first, so an app without a `demo` module is skipped without importing anything,
    while an import error inside a real `demo` module is not hidden.
    """
    found = []
    for app_config in app_configs:
        module_name = f"{app_config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module: ModuleType = importlib.import_module(module_name)
        seed = getattr(module, "seed", None)
        if not callable(seed):
            continue  # another library's `demo` module, not one of ours
        depends_on = tuple(getattr(module, "DEPENDS_ON", ()))
        found.append(DemoModule(label=app_config.label, depends_on=depends_on, seed=seed))
    return found


def in_dependency_order(modules: list[DemoModule]) -> list[DemoModule]:
    """Every module after the modules it depends on; ties keep the order they were given in
    (INSTALLED_APPS), so the order is the same on every run."""
    by_label = {module.label: module for module in modules}
    position = {module.label: index for index, module in enumerate(modules)}
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for module in modules:
        if unknown := sorted(set(module.depends_on) - set(by_label)):
            raise SeedOrderInvalid(
                f"{module.label} depends on {', '.join(unknown)}, which has no demo module"
            )
        sorter.add(module.label, *module.depends_on)
    try:
        sorter.prepare()
    except CycleError as error:
        raise SeedOrderInvalid(f"demo modules depend on each other: {error.args[1]}") from error
    ordered = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        ordered += [by_label[label] for label in ready]
        sorter.done(*ready)
    return ordered
