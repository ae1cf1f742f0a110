"""What moderation tells the apps whose spaces it moderates, so that it never imports them.

`contribution_published` is sent, inside the writing transaction, when a contribution becomes
visible: at once under post-moderation, or when a moderator approves it. The communities app
listens, to tell the people who follow a thread or a community once the change commits.
"""

from django.dispatch import Signal

contribution_published = Signal()  # contribution=Contribution
