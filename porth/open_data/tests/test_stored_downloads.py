"""The whole-register downloads are built by the worker, stored, and served from storage with
their date; a request never builds them (docs/adr/0052-shared-storage.md)."""

import contextlib
import csv
import datetime
import io
import json
import threading

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError
from django.http import FileResponse
from django.utils import timezone
from openpyxl import load_workbook

from porth.core.locks import only_one
from porth.core.models import StoredFile
from porth.core.seeding import SeedOptions
from porth.open_data import actions, demo, tasks
from porth.open_data.actions import WHOLE_REGISTER_DOWNLOADS, build_whole_register_downloads
from porth.open_data.claims import claim_key
from porth.open_data.signals import downloads_a_change_touches
from porth.register.actions import mark_service_reviewed
from porth.register.tests.factories import ServiceFactory

from .factories import make_service, record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def stored_downloads_on(settings):
    settings.OPEN_DATA_STORED_DOWNLOADS = True
    cache.delete_many(CLAIMS)


CLAIMS = [claim_key(name) for name in WHOLE_REGISTER_DOWNLOADS]


def claimed() -> list[str]:
    return [name for name in WHOLE_REGISTER_DOWNLOADS if cache.get(claim_key(name))]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def builds_queued(queue_that_waits) -> list[dict]:
    """The arguments of each whole-register build queued, in order."""
    build = tasks.build_downloads_later.name
    return [result.kwargs for result in queue_that_waits if result.task.name == build]


def names_in_csv(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    column = rows[0].index("Name (English) / Enw (Saesneg)")
    return [row[column] for row in rows[1:]]


def test_before_the_worker_builds_it_the_whole_register_is_not_built_by_the_request(
    client, organisation
):
    make_service(organisation, name_en="Apply for a blue badge")

    for language in ("en", "cy"):
        response = client.get(f"/{language}/open-data/services.csv")
        assert response.status_code == 503
        assert response["Retry-After"] == "300"
    assert (
        "ffeil hon yn cael ei pharatoi" in client.get("/cy/open-data/services.csv").content.decode()
    )
    assert not StoredFile.objects.exists()


def test_the_stored_file_is_served_with_its_build_date_until_the_next_build(client, organisation):
    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads()
    make_service(organisation, name_en="Report a missed bin collection")

    response = client.get("/en/open-data/services.csv")

    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'filename="porth-services-{today}.csv"' in response["Content-Disposition"]
    assert response["Last-Modified"]
    assert names_in_csv(response) == ["Apply for a blue badge"]
    build_whole_register_downloads()
    assert names_in_csv(client.get("/en/open-data/services.csv")) == [
        "Apply for a blue badge",
        "Report a missed bin collection",
    ]


def test_every_format_of_services_and_figures_is_stored(client, organisation):
    make_service(organisation, name_en="Apply for a blue badge")

    call_command("build_downloads", "--now", stdout=io.StringIO())

    assert StoredFile.objects.count() == 6
    workbook = load_workbook(io.BytesIO(body(client.get("/cy/open-data/services.xlsx"))))
    assert workbook.active.cell(row=2, column=2).value == "Apply for a blue badge"
    assert client.get("/en/open-data/metrics.json").status_code == 200
    assert client.get("/en/open-data/metrics.csv").status_code == 200


def test_a_start_up_asks_the_worker_only_for_the_downloads_never_stored(
    organisation, queue_that_waits, django_capture_on_commit_callbacks
):
    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads(names=["services"])
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_downloads", "--missing", stdout=out)

    assert builds_queued(queue_that_waits) == [{"names": ["metrics"]}]
    assert "metrics" in out.getvalue()


def test_a_start_up_with_every_download_stored_asks_for_no_build(
    organisation, queue_that_waits, django_capture_on_commit_callbacks
):
    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads()
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_downloads", "--missing", stdout=out)

    assert builds_queued(queue_that_waits) == []
    assert "none to build" in out.getvalue()


def test_a_download_whose_file_is_gone_from_storage_counts_as_missing(
    organisation, queue_that_waits, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads()
    default_storage.delete(StoredFile.objects.get(name="open-data-metrics.xlsx").path)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_downloads", "--missing", stdout=io.StringIO())

    assert builds_queued(queue_that_waits) == [{"names": ["metrics"]}]


def test_without_missing_every_download_is_asked_for_again(
    organisation, queue_that_waits, django_capture_on_commit_callbacks
):
    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_downloads", stdout=io.StringIO())

    assert builds_queued(queue_that_waits) == [{"names": list(WHOLE_REGISTER_DOWNLOADS)}]


def test_a_filtered_download_is_still_streamed_from_the_database(client, organisation):
    make_service(organisation, name_en="Apply for a blue badge")

    response = client.get("/en/open-data/services.csv?retired=1")

    assert response.status_code == 200
    assert "Apply for a blue badge" in names_in_csv(response)


def test_a_client_that_has_the_file_gets_not_modified(client, organisation):
    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads()
    etag = client.get("/en/open-data/services.csv")["ETag"]

    again = client.get("/en/open-data/services.csv", headers={"If-None-Match": etag})

    assert again.status_code == 304


def test_a_change_to_the_register_has_the_worker_build_the_files_again(
    client, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_service(organisation, name_en="Apply for a blue badge")

    assert names_in_csv(client.get("/en/open-data/services.csv")) == ["Apply for a blue badge"]
    assert claimed() == []


def test_a_burst_of_changes_queues_one_build(
    organisation, django_capture_on_commit_callbacks, queue_that_waits
):
    with django_capture_on_commit_callbacks(execute=True):
        make_service(organisation, name_en="Apply for a blue badge")
    with django_capture_on_commit_callbacks(execute=True):
        make_service(organisation, name_en="Report a missed bin collection")

    assert builds_queued(queue_that_waits) == [
        {"names": ["services"]}
    ]  # new services have no figures yet


def test_the_demo_asks_the_worker_for_the_downloads_so_make_run_serves_them(
    organisation, django_capture_on_commit_callbacks, queue_that_waits
):
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(demo=True, options=SeedOptions(), out=lambda line: None)

    assert sorted(name for build in builds_queued(queue_that_waits) for name in build["names"]) == [
        "metrics",
        "services",
    ]


def test_a_stored_download_is_streamed_in_blocks_in_one_query_and_never_built_by_the_request(
    client, organisation, monkeypatch, django_assert_num_queries
):
    make_service(organisation, name_en="Apply for a blue badge")
    build_whole_register_downloads()

    def never(*args, **kwargs):
        raise AssertionError("a request built a whole-register file")

    for name in ("service_rows", "metric_rows", "download"):
        monkeypatch.setattr(f"porth.open_data.views.{name}", never)
    for path in ("services.csv", "services.xlsx", "services.json", "metrics.csv"):
        with django_assert_num_queries(1):  # the StoredFile row; no row of the register
            response = client.get(f"/en/open-data/{path}")
        assert response.status_code == 200
        assert isinstance(response, FileResponse)
        pieces = list(response.streaming_content)
        assert max(len(piece) for piece in pieces) <= response.block_size
        assert sum(len(piece) for piece in pieces) == int(response["Content-Length"])


def test_the_build_reads_each_downloads_rows_once_for_all_three_formats(
    client, organisation, monkeypatch
):
    make_service(organisation, name_en="Apply for a blue badge")
    reads = []
    real_rows = actions.service_rows

    def counted(services):
        reads.append(1)
        yield from real_rows(services)

    monkeypatch.setattr(actions, "service_rows", counted)

    build_whole_register_downloads()

    assert reads == [1]
    assert names_in_csv(client.get("/en/open-data/services.csv")) == ["Apply for a blue badge"]
    document = json.loads(body(client.get("/en/open-data/services.json")))
    assert [row["name_en"] for row in document["rows"]] == ["Apply for a blue badge"]


def test_a_build_that_cannot_read_the_register_fails_and_stores_nothing(organisation, monkeypatch):
    make_service(organisation, name_en="Apply for a blue badge")
    real_rows = actions.service_rows

    def breaks(services):
        yield from real_rows(services)
        raise DatabaseError("connection lost")

    monkeypatch.setattr(actions, "service_rows", breaks)

    with pytest.raises(DatabaseError):
        build_whole_register_downloads()
    assert not StoredFile.objects.exists()


@contextlib.contextmanager
def another_worker_building():
    """Another worker's build holds the build lock (its own database connection or file)."""
    from django.db import connection

    holding, finished = threading.Event(), threading.Event()

    def build_elsewhere() -> None:
        try:
            with only_one(tasks.BUILD_LOCK) as held:
                assert held
                holding.set()
                finished.wait(30)
        finally:
            connection.close()

    elsewhere = threading.Thread(target=build_elsewhere)
    elsewhere.start()
    assert holding.wait(30)
    try:
        yield
    finally:
        finished.set()
        elsewhere.join(30)


def test_a_build_queued_while_another_runs_waits_for_it_instead_of_running_beside_it(
    client, organisation, queue_that_waits
):
    build = tasks.build_downloads_later
    make_service(organisation, name_en="Apply for a blue badge")

    with another_worker_building():
        assert build.call() == 0

    assert StoredFile.objects.count() == 0  # it did not build beside the other one
    [waiting] = queue_that_waits
    assert waiting.task.name == build.name
    assert (
        waiting.task.run_after > timezone.now()
    )  # it looks again in a minute, for the same downloads
    assert waiting.kwargs == {"names": list(WHOLE_REGISTER_DOWNLOADS)}
    assert claimed() == list(WHOLE_REGISTER_DOWNLOADS)  # so changes meanwhile queue no build

    assert build.call() == 6  # the other build has finished: this one builds
    assert claimed() == []
    assert names_in_csv(client.get("/en/open-data/services.csv")) == ["Apply for a blue badge"]


@pytest.mark.parametrize(
    ("change", "touched"),
    [
        ({"kinds": {"updated"}, "fields": {"owner_role", "description_en"}}, ("services",)),
        ({"kinds": {"phase"}, "fields": {"phase"}}, ("services",)),
        ({"kinds": {"reviewed"}, "fields": {"last_reviewed_on"}}, ("services",)),
        ({"kinds": {"created"}, "fields": set()}, ("services",)),
        ({"services": ["a new service"]}, ("services",)),
        ({"kinds": {"updated"}, "fields": {"name_cy"}}, ("services", "metrics")),
        ({"kinds": {"updated"}, "fields": {"reference"}}, ("services", "metrics")),
        ({"kinds": {"metric"}, "fields": {"figure"}}, ("services", "metrics")),
        ({"kinds": {"retired"}, "fields": {"phase"}}, ("services", "metrics")),
        ({"spreadsheet_import": "an import"}, ("services", "metrics")),
        ({"service": "told nothing of what changed"}, ("services", "metrics")),
    ],
)
def test_a_change_rebuilds_the_figures_only_when_it_touches_what_they_show(change, touched):
    assert downloads_a_change_touches(**change) == touched


def test_confirming_a_service_queues_the_services_download_and_not_the_figures(
    organisation, django_capture_on_commit_callbacks, queue_that_waits
):
    service = ServiceFactory(organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        mark_service_reviewed(service=service, reviewed_by=None)
    with django_capture_on_commit_callbacks(execute=True):
        record(service, "user-satisfaction", datetime.date(2025, 1, 1), "81.5")

    # The second change still queues the figures: the services build claimed only its own.
    assert builds_queued(queue_that_waits) == [{"names": ["services"]}, {"names": ["metrics"]}]
    assert claimed() == ["services", "metrics"]


def test_a_build_of_the_services_alone_leaves_the_figures_files_as_they_were(organisation):
    make_service(organisation, name_en="Apply for a blue badge")
    tasks.build_downloads_later.call()
    figures_before = dict(
        StoredFile.objects.filter(name__contains="metrics").values_list("name", "built_at")
    )

    assert tasks.build_downloads_later.call(names=["services"]) == 3

    assert figures_before and figures_before == dict(
        StoredFile.objects.filter(name__contains="metrics").values_list("name", "built_at")
    )


def test_after_a_long_build_the_next_waits_as_long_again_gathering_the_changes_meanwhile(
    organisation, django_capture_on_commit_callbacks, queue_that_waits
):
    from porth.open_data import claims

    service = ServiceFactory(organisation=organisation)
    claims.record_build(["services"], started=timezone.now() - datetime.timedelta(minutes=6))

    with django_capture_on_commit_callbacks(execute=True):
        mark_service_reviewed(service=service, reviewed_by=None)

    [build] = [r for r in queue_that_waits if r.task.name == tasks.build_downloads_later.name]
    assert build.kwargs == {"names": ["services"]}
    assert 5.9 * 60 < (build.task.run_after - timezone.now()).total_seconds() <= 6 * 60
    # The claim outlasts the rest, so the changes made meanwhile queue nothing more.
    assert claimed() == ["services"]


def test_a_build_that_waited_for_the_one_before_still_rests_after_it_before_building(
    organisation, queue_that_waits
):
    from porth.open_data import claims

    make_service(organisation, name_en="Apply for a blue badge")
    # The build it waited for ended just now and took two minutes.
    claims.record_build(["services"], started=timezone.now() - datetime.timedelta(minutes=2))

    assert tasks.build_downloads_later.call(names=["services"]) == 0

    assert not StoredFile.objects.exists()
    [waiting] = queue_that_waits
    assert waiting.kwargs == {"names": ["services"]}
    assert 1.9 * 60 < (waiting.task.run_after - timezone.now()).total_seconds() <= 2 * 60
    assert claimed() == ["services"]  # changes made while it rests queue nothing more


def test_a_build_after_its_rest_builds(organisation, queue_that_waits):
    from porth.open_data import claims

    make_service(organisation, name_en="Apply for a blue badge")
    # The last build ended five minutes ago and took one.
    cache.set(
        f"{claims.LAST_BUILD_PREFIX}:services",
        (timezone.now() - datetime.timedelta(minutes=5), 60.0),
    )

    assert tasks.build_downloads_later.call(names=["services"]) == 3
    assert queue_that_waits == []


def test_the_worker_notes_how_long_each_build_took(organisation):
    from porth.open_data import claims

    make_service(organisation, name_en="Apply for a blue badge")

    tasks.build_downloads_later.call(names=["services"])

    kept = cache.get_many(
        [f"{claims.LAST_BUILD_PREFIX}:{name}" for name in ("services", "metrics")]
    )
    [(ended, seconds)] = kept.values()
    assert ended <= timezone.now() and seconds >= 0
