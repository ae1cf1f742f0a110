"""gunicorn loads Porth once in its master and warms it before forking workers (ADR 0069)."""

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines

from porth.core import warmup

CONFIG = Path(__file__).resolve().parents[3] / "config" / "gunicorn.conf.py"


def cached_loader():
    return engines["django"].engine.template_loaders[0]


def test_the_warm_up_compiles_porth_templates_into_the_cached_loader():
    loader = cached_loader()
    loader.reset()

    compiled = warmup.warm_up()

    assert compiled == len(warmup.porth_template_names()) > 300
    assert "register/service_detail.html" in loader.get_template_cache
    assert "components/chart.html" in loader.get_template_cache


def test_the_warm_up_lists_only_porth_own_templates():
    names = warmup.porth_template_names()

    porth = CONFIG.parents[1] / "porth"
    assert "register/service_detail.html" in names
    assert all(any(porth.glob(f"*/templates/{name}")) for name in names)
    assert "wagtailadmin/base.html" not in names  # Wagtail's own, not overridden here


def test_the_warm_up_never_touches_the_database():
    # Without pytest-django's database mark, any query here raises.
    warmup.warm_up()


@pytest.mark.parametrize(("setting", "preloads"), [(None, True), ("false", False)])
def test_gunicorn_preloads_porth_unless_told_not_to(monkeypatch, setting, preloads):
    if setting is None:
        monkeypatch.delenv("GUNICORN_PRELOAD", raising=False)
    else:
        monkeypatch.setenv("GUNICORN_PRELOAD", setting)

    assert runpy.run_path(str(CONFIG))["preload_app"] is preloads


@pytest.mark.parametrize("preloaded", [True, False])
def test_the_master_warms_up_only_when_it_has_loaded_porth(monkeypatch, preloaded):
    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append("warm") or 416)
    said = []
    server = SimpleNamespace(
        cfg=SimpleNamespace(preload_app=preloaded),
        log=SimpleNamespace(info=lambda *args: said.append(args)),
    )

    runpy.run_path(str(CONFIG))["when_ready"](server)

    assert calls == (["warm"] if preloaded else [])
    assert len(said) == (1 if preloaded else 0)


def test_the_warm_up_builds_the_address_resolver_in_every_language():
    from django.conf import settings
    from django.urls import clear_url_caches, get_resolver

    clear_url_caches()

    warmup.warm_up()

    built = get_resolver()._reverse_dict
    assert {code for code, _name in settings.LANGUAGES} <= set(built)


def test_every_app_s_task_module_is_imported_before_a_worker_forks():
    imported = warmup.import_task_modules()

    assert "porth.following.tasks" in imported
    assert "porth.open_data.tasks" in imported
    assert all(name.startswith("porth.") and name.endswith(".tasks") for name in imported)


def test_the_rq_worker_warms_up_once_before_it_takes_a_job(monkeypatch):
    pytest.importorskip("rq")
    from rq.worker import Worker

    from porth.core import rq_worker

    calls = []
    monkeypatch.setattr(rq_worker, "import_task_modules", lambda: calls.append("tasks") or [])
    monkeypatch.setattr(rq_worker, "warm_up", lambda: calls.append("templates") or 0)
    monkeypatch.setattr(Worker, "work", lambda self, *a, **kw: calls.append("work") or True)

    worker = rq_worker.WarmWorker.__new__(rq_worker.WarmWorker)
    assert worker.work(burst=True) is True
    assert calls == ["tasks", "templates", "work"]
    assert issubclass(rq_worker.WarmWorker, Worker)  # still forks a work horse for each job


class LeftAtOnce(Exception):
    """Stands for `os._exit`, which would end the test run."""


def stopping_worker(*, booted: bool, alive: bool):
    return SimpleNamespace(booted=booted, alive=alive)


def config_with_exit_watched(monkeypatch):
    """gunicorn's settings, with `os._exit` and the page-view buffer's flush watched."""
    from porth.insight import counting

    done = []
    monkeypatch.setattr(counting.BUFFER, "flush", lambda: done.append("page views written"))

    def leave(code):
        done.append(f"left with {code}")
        raise LeftAtOnce

    config = runpy.run_path(str(CONFIG))
    monkeypatch.setattr(config["os"], "_exit", leave)
    return config, done


def test_a_worker_that_stops_as_asked_writes_its_page_views_and_leaves_at_once(monkeypatch):
    """A recycled worker leaves without Python's tidying up of the heap it shares with the
    master (1.3 s of CPU, during which its process had one worker fewer: ADR 0076)."""
    config, done = config_with_exit_watched(monkeypatch)
    server = SimpleNamespace(log=SimpleNamespace(exception=lambda *args: done.append(args)))

    with pytest.raises(LeftAtOnce):
        config["worker_exit"](server, stopping_worker(booted=True, alive=False))

    assert done == ["page views written", "left with 0"]


@pytest.mark.parametrize(
    ("booted", "alive"), [(False, True), (False, False), (True, True)], ids=str
)
def test_a_worker_that_failed_exits_as_gunicorn_intends(monkeypatch, booted, alive):
    """One that never booted, or whose loop an error ended, keeps its exit code for the
    master (a worker that cannot boot stops gunicorn rather than being forked again)."""
    config, done = config_with_exit_watched(monkeypatch)

    config["worker_exit"](SimpleNamespace(), stopping_worker(booted=booted, alive=alive))

    assert done == []
