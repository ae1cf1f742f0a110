import datetime

import pytest
from django.utils import timezone

from porth.baseline import actions
from porth.baseline.models import RoundStatus
from porth.baseline.queries import TaskStatus, round_progress, snapshot_of, task_list
from porth.open_data.models import RegisterSnapshot, SnapshotReason
from porth.organisations.models import OrganisationType
from porth.organisations.tests.factories import OrganisationFactory
from porth.register.models import ChangeKind


def test_opening_a_round_gives_every_body_of_the_chosen_types_a_task_list(
    organisation, centre_staff
):
    board = OrganisationFactory(type=OrganisationType.LOCAL_HEALTH_BOARD)
    police = OrganisationFactory(type=OrganisationType.POLICE_FORCE)

    round_ = actions.open_round(
        name_en="Health",
        name_cy="Iechyd",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 3, 31),
        deadline=datetime.date(2030, 1, 1),
        body_types=[OrganisationType.LOCAL_HEALTH_BOARD],
        opened_by=centre_staff,
    )

    bodies = set(round_.participations.values_list("organisation_id", flat=True))
    assert bodies == {board.pk}
    assert police.pk not in bodies and organisation.pk not in bodies
    assert round_.status == RoundStatus.OPEN and round_.opened_by == centre_staff


def test_opening_a_round_with_no_body_of_the_types_is_refused(organisation, centre_staff):
    with pytest.raises(actions.NoBodiesInScope):
        actions.open_round(
            name_en="Police",
            name_cy="Heddlu",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 3, 31),
            deadline=datetime.date(2030, 1, 1),
            body_types=[OrganisationType.POLICE_FORCE],
            opened_by=centre_staff,
        )


def test_a_new_task_list_has_nothing_done_and_sign_off_cannot_start(participation, services):
    tasks = task_list(participation)

    assert tasks.service_count == 2  # the retired service is not asked about
    assert tasks.confirm_status == TaskStatus.NOT_STARTED
    assert tasks.missing_status == TaskStatus.NOT_STARTED
    assert tasks.figures_status == TaskStatus.NOT_STARTED
    assert tasks.sign_off_status == TaskStatus.CANNOT_START
    assert tasks.percent_done == 0


def test_confirming_a_service_sets_its_last_reviewed_date_and_records_it_in_its_history(
    participation, services, editor
):
    service = services[0]

    actions.confirm_service(participation=participation, service=service, person=editor)

    service.refresh_from_db()
    assert service.last_reviewed_on == timezone.localdate()
    change = service.changes.get()
    assert change.kind == ChangeKind.REVIEWED and change.changed_by == editor
    tasks = task_list(participation)
    assert tasks.confirmed_count == 1
    assert tasks.confirm_status == TaskStatus.IN_PROGRESS
    participation.refresh_from_db()
    assert participation.last_activity_at is not None


def test_a_review_from_before_the_round_does_not_count(participation, services):
    services[0].last_reviewed_on = participation.round.opened_on - datetime.timedelta(days=1)
    services[0].save()

    assert task_list(participation).confirmed_count == 0


def test_a_service_of_another_body_cannot_be_confirmed_in_this_round(
    participation, other_organisation, editor
):
    from porth.register.tests.factories import ServiceFactory

    theirs = ServiceFactory(organisation=other_organisation)

    with pytest.raises(actions.ServiceNotInRound):
        actions.confirm_service(participation=participation, service=theirs, person=editor)


def test_figures_task_is_complete_when_every_service_has_figures_for_the_period(
    participation, services, figures_for
):
    figures_for(services[0])
    assert task_list(participation).figures_status == TaskStatus.IN_PROGRESS

    figures_for(services[1])
    assert task_list(participation).figures_status == TaskStatus.COMPLETED


def test_a_figure_outside_the_period_does_not_count(participation, services):
    from porth.register.tests.factories import MetricValueFactory

    MetricValueFactory(service=services[0], period_start=datetime.date(2025, 7, 1))

    assert task_list(participation).with_figures_count == 0


def test_the_editor_can_mark_the_figures_task_complete(participation, services, editor):
    marked = actions.mark_figures_complete(participation=participation)

    assert task_list(marked).figures_status == TaskStatus.COMPLETED


def test_only_an_organisation_admin_signs_off(ready_to_sign_off, editor, organisation_admin):
    with pytest.raises(actions.NotOrganisationAdmin):
        actions.sign_off(participation=ready_to_sign_off, person=editor)

    signed = actions.sign_off(participation=ready_to_sign_off, person=organisation_admin)

    assert signed.is_signed_off and signed.signed_off_by == organisation_admin
    tasks = task_list(signed)
    assert tasks.sign_off_status == TaskStatus.COMPLETED
    assert tasks.percent_done == 100


def test_sign_off_waits_until_the_other_tasks_are_complete(
    participation, services, organisation_admin
):
    participation = actions.confirm_no_missing_services(participation=participation)

    assert task_list(participation).sign_off_status == TaskStatus.CANNOT_START
    with pytest.raises(actions.TasksIncomplete):
        actions.sign_off(participation=participation, person=organisation_admin)


def test_a_signed_off_body_cannot_change_its_answers(
    ready_to_sign_off, services, organisation_admin, editor
):
    actions.sign_off(participation=ready_to_sign_off, person=organisation_admin)

    for action in (actions.confirm_no_missing_services, actions.mark_figures_complete):
        with pytest.raises(actions.AlreadySignedOff):
            action(participation=ready_to_sign_off)
    with pytest.raises(actions.AlreadySignedOff):
        actions.sign_off(participation=ready_to_sign_off, person=organisation_admin)
    with pytest.raises(actions.AlreadySignedOff):
        actions.confirm_service(participation=ready_to_sign_off, service=services[0], person=editor)


def test_closing_a_round_freezes_progress_and_enqueues_a_labelled_snapshot(
    participation, services, editor, centre_staff, django_capture_on_commit_callbacks
):
    actions.confirm_no_missing_services(participation=participation)

    with django_capture_on_commit_callbacks(execute=True):
        closed = actions.close_round(round_=participation.round, closed_by=centre_staff)

    assert closed.status == RoundStatus.CLOSED and closed.closed_by == centre_staff
    snapshot = RegisterSnapshot.objects.get()
    assert snapshot.reason == SnapshotReason.ROUND_CLOSED
    assert snapshot.label_en == "Baseline round closed: Baseline 2025"
    assert snapshot.label_cy.endswith("Llinell sylfaen 2025") and snapshot.label_cy != (
        snapshot.label_en
    )
    assert snapshot.taken_by == centre_staff
    assert snapshot_of(closed) == snapshot
    participation.refresh_from_db()
    assert participation.percent_done_at_close == 25
    # Later work on the register does not change the closed round's figures.
    actions_after = [row.percent_done for row in round_progress(closed)]
    assert 25 in actions_after


def test_nothing_changes_in_a_closed_round(participation, editor, centre_staff):
    actions.close_round(round_=participation.round, closed_by=centre_staff)
    participation.refresh_from_db()

    with pytest.raises(actions.RoundClosed):
        actions.confirm_no_missing_services(participation=participation)
    with pytest.raises(actions.RoundClosed):
        actions.close_round(round_=participation.round, closed_by=centre_staff)


def test_the_centre_sees_each_bodys_progress_and_last_activity(
    round_, participation, services, editor
):
    actions.confirm_service(participation=participation, service=services[0], person=editor)

    rows = {row.participation.organisation_id: row for row in round_progress(round_)}

    mine = rows[participation.organisation_id]
    assert (mine.service_count, mine.confirmed_count) == (2, 1)
    assert mine.last_activity_at is not None
    others = [row for key, row in rows.items() if key != participation.organisation_id]
    assert [row.percent_done for row in others] == [0]
    assert others[0].last_activity_at is None
