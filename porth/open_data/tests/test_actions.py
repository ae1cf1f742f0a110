import datetime

import pytest
from django.utils import timezone

from porth.open_data import actions
from porth.open_data.models import PersonalToken, RegisterSnapshot, SnapshotReason, hash_token
from porth.open_data.queries import active_token
from porth.open_data.tasks import take_snapshot_later
from porth.register import actions as register

from .factories import make_service

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_a_hash(member):
    token, secret = actions.create_token(person=member, name="  Nightly sync ")

    assert secret.startswith("porth_")
    assert len(secret) > 40
    assert token.name == "Nightly sync"
    assert token.token_hash == hash_token(secret)
    assert secret not in {token.token_hash, token.prefix}
    assert secret.startswith(token.prefix)
    assert active_token(secret) == token


def test_two_tokens_never_share_a_secret(member):
    assert (
        actions.create_token(person=member, name="a")[1]
        != actions.create_token(person=member, name="b")[1]
    )


def test_a_revoked_token_is_not_active_and_keeps_its_first_revocation_date(member):
    token, secret = actions.create_token(person=member, name="Old")
    actions.revoke_token(token=token)
    first = token.revoked_at
    actions.revoke_token(token=token)

    assert active_token(secret) is None
    assert PersonalToken.objects.get(pk=token.pk).revoked_at == first


def test_using_a_token_records_when_at_most_once_a_minute(member):
    token, _secret = actions.create_token(person=member, name="Script")
    actions.record_token_use(token=token)
    first = PersonalToken.objects.get(pk=token.pk).last_used_at
    actions.record_token_use(token=token)

    assert first is not None
    assert PersonalToken.objects.get(pk=token.pk).last_used_at == first
    two_minutes_ago = timezone.now() - datetime.timedelta(minutes=2)
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=two_minutes_ago)
    token.last_used_at = two_minutes_ago
    actions.record_token_use(token=token)
    assert PersonalToken.objects.get(pk=token.pk).last_used_at > two_minutes_ago


def test_a_token_cannot_be_made_for_a_body_its_person_does_not_belong_to(
    member, other_organisation, person
):
    with pytest.raises(actions.NotAMemberOfOrganisation):
        actions.create_token(person=member, name="x", organisations=[other_organisation])
    with pytest.raises(actions.NotAMemberOfOrganisation):
        actions.create_token(person=member, name="x", for_all_organisations=True)
    with pytest.raises(actions.NoOrganisationChosen):
        actions.create_token(person=person, name="x")


def test_a_new_token_expires_after_the_chosen_number_of_days(member):
    token, _secret = actions.create_token(person=member, name="Month", lifetime_days=30)

    assert token.expires_at - token.created_at == pytest.approx(
        datetime.timedelta(days=30), abs=datetime.timedelta(seconds=5)
    )
    assert token.scope == "read"


def test_a_snapshot_holds_every_service_including_retired_ones(organisation, centre_staff):
    kept = make_service(organisation, name_en="Kept")
    gone = make_service(organisation, name_en="Gone")
    register.retire_service(service=gone, retired_on=datetime.date.today(), retired_by=None)

    snapshot = actions.take_snapshot(label_en="Before the review", taken_by=centre_staff)

    rows = list(snapshot.iter_rows())
    assert snapshot.service_count == 2
    assert [row["public_id"] for row in rows] == [kept.public_id, gone.public_id]
    assert rows[1]["is_retired"] is True
    assert rows[0]["name_cy"] == kept.name_cy
    assert snapshot.reason == SnapshotReason.ON_DEMAND
    assert snapshot.label == "Before the review"


def test_a_snapshot_does_not_change_when_the_register_does(organisation):
    service = make_service(organisation)
    snapshot = actions.take_snapshot()
    details = register.ServiceDetails.from_service(service)
    details.name_en = "Something else"
    register.update_service(service=service, details=details, changed_by=None)

    snapshot.refresh_from_db()
    assert next(snapshot.iter_rows())["name_en"] == "Report a pothole"


def test_an_empty_register_makes_an_empty_snapshot(db):
    snapshot = actions.take_snapshot(reason=SnapshotReason.ROUND_CLOSED)

    assert snapshot.service_count == 0
    assert list(snapshot.iter_rows()) == []


def test_the_task_takes_a_snapshot_for_a_closed_round(organisation, centre_staff):
    make_service(organisation)

    result = take_snapshot_later.enqueue(
        reason=SnapshotReason.ROUND_CLOSED,
        label_en="Baseline 2026",
        label_cy="Llinell sylfaen 2026",
        taken_by_id=centre_staff.pk,
    )

    snapshot = RegisterSnapshot.objects.get(pk=result.return_value)
    assert snapshot.reason == SnapshotReason.ROUND_CLOSED
    assert snapshot.label_cy == "Llinell sylfaen 2026"
    assert snapshot.taken_by == centre_staff
    assert snapshot.service_count == 1
