"""What the register tells apps above it, so that it never imports them (docs/architecture.md).

`register_changed` is sent, inside the writing transaction, whenever the register records a
change to a service or applies an import. Open data listens, to work its landscape figures out
again once the change commits; following, to tell the followers of a changed service.

It carries one of: `service=` (one service changed), `changed=[…]` (many services that existed
before, changed by one batch of an import: each as if changed alone), `services=[…]` (new
services, which nobody follows yet: docs/adr/0055) or `spreadsheet_import=` (an import applied).
"""

from django.dispatch import Signal

register_changed = Signal()
