"""A 2,000-row import on the embedded SQLite default while ten people read (issue 11 item 10,
docs/adr/0055-batched-import-writes.md).

A real server and worker on a throwaway SQLite file in WAL mode, as `make run` starts them
(`bench/import_readers.py`): the import is checked and applied by the worker's own functions
while ten readers fetch the register, its search, the site search, a service, `/healthz` and
the import's own page and progress. No answer is a 500, no connection is dropped and nothing
says "database is locked". Only SQLite is under test here: on PostgreSQL the suite skips it.
"""

import pytest
from django.db import connection

from bench.import_readers import run

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="tests the embedded SQLite default only"
)


def test_a_2000_row_import_never_locks_out_ten_readers_on_sqlite():
    figures = run(rows=2_000, readers=10)

    assert figures["status"][0] == "applied", figures["status"]
    assert figures["status"][2] == {"created": 2_000, "updated": 0, "unchanged": 0}
    assert figures["server_errors"] == []
    assert figures["connection_errors"] == {}
    assert figures["locked_in_logs"] == 0
    assert set(figures["statuses"]) <= {200}, figures["statuses"]
    assert figures["by_kind"]["read"] and figures["by_kind"]["editor"]
