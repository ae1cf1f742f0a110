"""What the register tells apps above it, so that it never imports them (docs/architecture.md).

`register_changed` is sent, inside the writing transaction, whenever the register records a
change to a service or applies an import. Open data listens, to work its landscape figures out
again once the change commits; following, to tell the followers of a changed service.

It carries one of: `service=` (one service changed), `changed=[…]` (many services that existed
before, changed by one batch of an import: each as if changed alone), `services=[…]` (new
services, which nobody follows yet: docs/adr/0055) or `spreadsheet_import=` (an import applied).
With `service=` and `changed=` come `kinds=` (the `ChangeKind`s recorded) and `fields=` (the
names of what changed, as the history records them), so a listener can tell whether the change
touches what it shows (open data's downloads, ADR 0066); a listener given neither assumes
anything may have changed.
"""

from django.dispatch import Signal

register_changed = Signal()

# The page cache's topic for the register's changes and what is worked out from them (the
# landscape's figures, the stored downloads): they drop the pages that show the register and
# keep the ones declared independent of it (ADR 0066).
PAGE_TOPIC = "register"

# Parts of the register that a page may show alone (ADR 0070): one service's page shows that
# service (`service_part`), and a body's downloads show the services it runs or partners in
# (`body_part`). A change to one service names them, unless it changes what other services'
# pages show of it (`SHOWN_ELSEWHERE`), when it names none and drops every register page.
LANDSCAPE_PART = "landscape"
"""The landscape's figures and the stored downloads' dates: no page shows them alone."""

SHOWN_ELSEWHERE = frozenset(
    {"name_en", "name_cy", "service_area", "organisation", "partner_organisations"}
)
"""What a service's change may touch and still be a change to its own parts: not its names,
area or body (other services' pages list it among their similar services by them), nor its
partners (a partner's downloads list it)."""


def service_part(public_id: str) -> str:
    return f"service:{public_id.upper()}"


def body_part(slug: str) -> str:
    return f"body:{slug}"
