"""Background work: the mentoring reminder runs in the worker. Each task calls one action."""

from django_tasks import task

from .actions import send_check_in_reminders


@task()
def send_check_in_reminders_later() -> int:
    """Remind quiet mentoring pairs (`actions.send_check_in_reminders`); safe to run again."""
    return send_check_in_reminders()
