"""The embedded default never fails under its own worker (docs/adr/0024-sqlite-and-postgresql.md).

A real server and `db_worker` on a throwaway SQLite file, as `make run` starts them, with
twenty clients reading pages and writing (public feedback, an editor's figures, which queue
the landscape's refresh so the worker writes too) for a few seconds: no answer is a 500 and no
connection is dropped. `bench/sqlite_concurrency.py` runs the same for a minute and prints
figures. Only SQLite is under test here: on PostgreSQL the suite skips it.
"""

import pytest
from django.db import connection

from bench.sqlite_concurrency import run

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="tests the embedded SQLite default only"
)


def test_sqlite_answers_readers_and_writers_without_a_500_while_the_worker_writes():
    figures = run(seconds=10, clients=20, services=20)

    assert figures["server_errors"] == []
    assert figures["connection_errors"] == {}
    assert figures["locked_in_logs"] == 0
    assert figures["by_kind"]["read"] and figures["by_kind"]["figure"]
    assert figures["by_kind"]["feedback"]
    # Writes succeed and redirect; the feedback form's rate limit may refuse some (429), as it
    # should when twenty clients share one address. None may fail.
    assert set(figures["statuses"]) <= {200, 302, 429}
    assert figures["tasks"].get("SUCCESSFUL")  # the worker ran the landscape's refresh
    assert not figures["tasks"].get("FAILED")
