"""Template filters for the account pages."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(duration: timedelta | None) -> int:
    """A lockout's length in minutes, for a count that Welsh and English can pluralise."""
    if not duration:
        return 0
    return int(duration.total_seconds() // 60)
