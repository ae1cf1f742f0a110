"""`manage.py seed`: discovery of each app's demo module, their order, and the command itself."""

import textwrap
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from porth.core.seeding import (
    DemoModule,
    SeedOrderInvalid,
    discover_demo_modules,
    in_dependency_order,
)


def _noop(**kwargs) -> None:
    """A seed function that does nothing."""


def module(label: str, *depends_on: str) -> DemoModule:
    return DemoModule(label=label, depends_on=depends_on, seed=_noop)


def labels(modules: list[DemoModule]) -> list[str]:
    return [m.label for m in modules]


@pytest.fixture
def fake_apps(tmp_path, monkeypatch):
    """Three importable packages: one with a demo module, one without, one whose `demo` module
    is not ours (it has no `seed`)."""
    for package, demo_source in [
        ("fake_with_demo", 'DEPENDS_ON = ("other",)\n\ndef seed(**kwargs):\n    pass\n'),
        ("fake_without_demo", None),
        ("fake_foreign_demo", "EXAMPLE = 1\n"),
    ]:
        folder = tmp_path / package
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        if demo_source is not None:
            (folder / "demo.py").write_text(textwrap.dedent(demo_source))
    monkeypatch.syspath_prepend(str(tmp_path))
    return [
        SimpleNamespace(name="fake_with_demo", label="with_demo"),
        SimpleNamespace(name="fake_without_demo", label="without_demo"),
        SimpleNamespace(name="fake_foreign_demo", label="foreign_demo"),
    ]


def test_a_fake_apps_demo_module_is_discovered_with_its_dependencies(fake_apps):
    found = discover_demo_modules(fake_apps)

    assert labels(found) == ["with_demo"]
    assert found[0].depends_on == ("other",)
    assert callable(found[0].seed)


def test_modules_run_after_what_they_depend_on_and_ties_keep_the_installed_order():
    modules = [
        module("baseline", "register", "accounts"),
        module("accounts", "organisations"),
        module("pages"),
        module("register", "organisations"),
        module("organisations"),
    ]

    ordered = labels(in_dependency_order(modules))

    assert ordered == ["pages", "organisations", "accounts", "register", "baseline"]


def test_a_dependency_without_a_demo_module_is_refused():
    with pytest.raises(SeedOrderInvalid, match="register depends on missing"):
        in_dependency_order([module("register", "missing")])


def test_dependencies_that_go_round_in_a_circle_are_refused():
    with pytest.raises(SeedOrderInvalid, match="depend on each other"):
        in_dependency_order([module("a", "b"), module("b", "a")])


def test_the_installed_apps_are_seeded_in_an_order_that_respects_their_declarations():
    ordered = in_dependency_order(discover_demo_modules(apps.get_app_configs()))
    position = {m.label: index for index, m in enumerate(ordered)}

    assert {"organisations", "pages", "register", "standards", "accounts", "baseline"} <= set(
        position
    )
    for m in ordered:
        assert all(position[dependency] < position[m.label] for dependency in m.depends_on)


def test_demo_data_is_refused_without_debug_unless_allowed(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-without-debug"):
        call_command("seed", demo=True, stdout=StringIO())


def test_seed_demo_runs_on_an_empty_database_and_again_without_error(db, settings):
    settings.DEBUG = True
    Service = apps.get_model("register", "Service")
    User = apps.get_model("accounts", "User")
    first, second = StringIO(), StringIO()

    call_command("seed", demo=True, services=6, months=2, stdout=first)
    counts = (Service.objects.count(), User.objects.count())
    call_command("seed", demo=True, services=6, months=2, stdout=second)

    assert counts[0] == 6 and counts[1] > 4
    assert (Service.objects.count(), User.objects.count()) == counts
    assert apps.get_model("baseline", "Round").objects.count() == 1
    assert apps.get_model("standards", "SelfAssessment").objects.exists()
    assert "already has 6 services" in second.getvalue()


def test_seed_without_demo_loads_reference_data_and_no_demo_data(db):
    call_command("seed", stdout=StringIO())

    assert apps.get_model("organisations", "Organisation").objects.count() == 54
    assert apps.get_model("standards", "StandardSet").objects.count() == 1
    assert not apps.get_model("register", "Service").objects.exists()
    assert not apps.get_model("accounts", "User").objects.exists()


def test_negative_sizes_are_refused(db):
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("seed", services=-1, stdout=StringIO())
