"""Sentences the register writes about its records, in both languages: the words of the history.

These make text, not changes, so the actions and the import's checker share them without the
import reaching into the actions' modules for wording (issue 10): a figure imported reads in a
service's history exactly as one an editor typed.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from .formatting import format_value, period_label
from .models import Measure


def in_both_languages(render: Callable[[], Any]) -> dict[str, str]:
    """What `render` says in English and in Welsh, as {"en": …, "cy": …}."""
    result = {}
    for language in ("en", "cy"):
        with translation.override(language):
            result[language] = str(render())
    return result


def figure_words(value: Decimal | None, reason: str, unit: str) -> str:
    """How a figure (or why it is not provided) reads in the change log, in the active
    language. Imports call this for thousands of figures a language at a time."""
    if value is None:
        return gettext("Not provided: %(reason)s") % {"reason": reason}
    return format_value(value, unit)


def figure_text(value: Decimal | None, reason: str, unit: str) -> dict[str, str]:
    """`figure_words` in both languages."""
    return in_both_languages(lambda: figure_words(value, reason, unit))


def figure_change(
    measure: Measure,
    period_type: str,
    period_start: datetime.date,
    before: dict[str, str],
    after: dict[str, str],
) -> dict[str, Any]:
    """One change-log entry for a figure: "User satisfaction, March 2025: 80% → 85%"."""
    label = in_both_languages(
        lambda: (
            gettext("%(measure)s, %(period)s")
            % {"measure": measure.name, "period": period_label(period_type, period_start)}
        )
    )
    return {"field": "metric", "label": label, "old": before, "new": after}
