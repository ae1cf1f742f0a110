"""Who may read a contribution, asked of the app that owns its space (ADR 0033, 0051).

Moderation knows nothing of the apps that use it, but a community that needs a request to
join keeps its posts from everyone else, including through moderation's own pages (the
"report this" page shows the text). An app registers, from its `AppConfig.ready()`, a rule for
the spaces whose key starts with its prefix; spaces without a rule are readable by anyone
who can see the subject (the blog).
"""

from collections.abc import Callable
from typing import Any

from .models import Contribution

_rules: dict[str, Callable[[Any, Contribution], bool]] = {}


def register_reader_rule(*, key_prefix: str, may_read: Callable[[Any, Contribution], bool]) -> None:
    """`may_read(user, contribution)` decides for contributions in spaces keyed `key_prefix…`."""
    _rules[key_prefix] = may_read


def may_read(user: Any, contribution: Contribution) -> bool:
    for prefix, rule in _rules.items():
        if contribution.space.key.startswith(prefix):
            return rule(user, contribution)
    return True
