"""What learning tells the apps above it, which it never imports (following, ADR 0059).

`session_published` is sent, inside the writing transaction, when a session of a published
course is published (scheduled as published, today; an action that publishes a draft session
later should send it too). Receivers queue their work on commit.
"""

from django.dispatch import Signal

# session=Session
session_published = Signal()
