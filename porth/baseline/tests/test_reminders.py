import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from porth.accounts.tests.factories import MembershipFactory
from porth.baseline import actions
from porth.core.permissions import Role


@pytest.fixture
def due_soon(round_):
    """The round's deadline is five days away."""
    round_.deadline = timezone.localdate() + datetime.timedelta(days=5)
    round_.save()
    return round_


def _send(capture, **kwargs) -> int:
    with capture(execute=True):
        return actions.send_reminders(**kwargs)


def test_everyone_with_a_role_in_a_body_not_signed_off_is_reminded_in_their_language(
    due_soon,
    organisation,
    member,
    editor,
    organisation_admin,
    outsider,
    django_capture_on_commit_callbacks,
):
    editor.preferred_language = "cy"
    editor.save()

    count = _send(django_capture_on_commit_callbacks)

    sent = {message.to[0]: message for message in mail.outbox}
    # The outsider is an admin of the other council, also in the round and not signed off.
    assert count == 4
    assert set(sent) == {member.email, editor.email, organisation_admin.email, outsider.email}
    welsh = sent[editor.email]
    assert "Nodyn atgoffa" in welsh.subject
    assert "/cy/baseline-rounds/" in welsh.body
    english = sent[member.email]
    assert english.subject.startswith("Reminder: Baseline 2025")
    assert f"/en/baseline-rounds/{due_soon.pk}/organisations/{organisation.slug}/" in english.body


def test_reminders_go_through_the_task_queue(due_soon, member, django_capture_on_commit_callbacks):
    with mock.patch("porth.core.mail.send_email") as task:
        _send(django_capture_on_commit_callbacks)

    queued = [call.args[0]["to"] for call in task.enqueue.call_args_list]
    assert [member.email] in queued
    assert mail.outbox == []


def test_reminders_are_sent_once(due_soon, member, django_capture_on_commit_callbacks):
    _send(django_capture_on_commit_callbacks)
    first = len(mail.outbox)

    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == first


def test_a_signed_off_body_is_not_reminded(
    due_soon, ready_to_sign_off, organisation_admin, member, django_capture_on_commit_callbacks
):
    actions.sign_off(participation=ready_to_sign_off, person=organisation_admin)

    _send(django_capture_on_commit_callbacks)

    recipients = {message.to[0] for message in mail.outbox}
    assert member.email not in recipients and organisation_admin.email not in recipients


def test_no_reminder_while_the_deadline_is_more_than_a_week_away(
    round_, member, django_capture_on_commit_callbacks
):
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []

    eight_days_before = round_.deadline - datetime.timedelta(days=8)
    assert _send(django_capture_on_commit_callbacks, today=eight_days_before) == 0
    seven_days_before = round_.deadline - datetime.timedelta(days=7)
    assert _send(django_capture_on_commit_callbacks, today=seven_days_before) == 1


def test_no_reminder_for_a_closed_round(
    due_soon, member, centre_staff, django_capture_on_commit_callbacks
):
    actions.close_round(round_=due_soon, closed_by=centre_staff)

    assert _send(django_capture_on_commit_callbacks) == 0


def test_the_daily_command_queues_the_reminders(
    due_soon, organisation, django_capture_on_commit_callbacks, capsys
):
    MembershipFactory(organisation=organisation, role=Role.EDITOR)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_baseline_reminders")

    assert "Baseline reminders queued: 1" in capsys.readouterr().out
    assert len(mail.outbox) == 1
