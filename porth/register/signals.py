"""What the register tells apps above it, so that it never imports them (docs/architecture.md).

`register_changed` is sent, inside the writing transaction, whenever the register records a
change to a service or applies an import. Open data listens, to work its landscape figures out
again once the change commits.
"""

from django.dispatch import Signal

register_changed = Signal()
