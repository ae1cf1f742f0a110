"""Work queued once a transaction commits, once however many changes ask for it (ADR 0055).

Several queues ask for a job once per transaction (a landscape refresh, a downloads build, a
service's followers told): before this, each looked through every job already waiting with
`any(...)`, so a transaction making N changes looked N times through up to N jobs. An import
changing 10,000 services spent most of a minute doing that. `on_commit_once` remembers, for the
connection's current list of waiting jobs, the jobs it has seen, so each call costs the same
whatever the number waiting.

Django only ever appends to `connection.run_on_commit`, or replaces it with a new list (on
commit, rollback, or a savepoint's rollback, which keeps the jobs of the outer savepoints):
so while the list is the same object, the jobs seen are still waiting, and a new list is read
through once.
"""

from collections.abc import Callable, Hashable
from contextlib import suppress
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction

_SEEN = "_porth_commit_hooks_seen"


class _Seen:
    def __init__(self, hooks: list[Any]):
        self.hooks = hooks
        self.read = 0
        self.jobs: set[Hashable] = set()

    def catch_up(self) -> None:
        """Note the jobs appended since last time (by anyone, through `on_commit` too)."""
        for _savepoints, job, _robust in self.hooks[self.read :]:
            with suppress(TypeError):  # an unhashable job is never the same as ours
                self.jobs.add(job)
        self.read = len(self.hooks)


def on_commit_once(
    job: Callable[[], Any], *, robust: bool = True, using: str = DEFAULT_DB_ALIAS
) -> None:
    """`transaction.on_commit(job)`, unless an equal job already waits for this transaction
    (or a savepoint of it) to commit. Outside a transaction the job runs at once. `job` must
    be hashable and equal to the jobs it stands for (a frozen dataclass, or a function)."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        transaction.on_commit(job, using=using, robust=robust)
        return
    seen: _Seen | None = getattr(connection, _SEEN, None)
    if seen is None or seen.hooks is not connection.run_on_commit:
        seen = _Seen(connection.run_on_commit)
        setattr(connection, _SEEN, seen)
    seen.catch_up()
    if job in seen.jobs:
        return
    transaction.on_commit(job, using=using, robust=robust)
    seen.catch_up()
