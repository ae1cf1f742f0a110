"""Follow a service, see it on your page, stop with one click, hear when its phase changes."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail

from porth.following import actions
from porth.following.models import Follow, Notice
from porth.register import actions as register_actions
from porth.register.models import Phase
from porth.register.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, phase=Phase.ALPHA)


def _change_phase(service, editor, phase=Phase.PUBLIC_BETA):
    register_actions.record_phase(
        service=service,
        phase=phase,
        applies_from=datetime.date.today(),
        recorded_by=editor,
    )


def test_the_service_page_offers_get_emails_about_this_and_following_lists_it(
    client, person, service
):
    client.force_login(person)
    page = client.get(f"/en/register/services/{service.public_id}/").content.decode()
    assert "Get emails about this" in page
    response = client.post(
        "/en/following/follow/",
        {"kind": "service", "key": service.public_id, "next": "/en/register/"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/register/"
    listing = client.get("/cy/following/").content.decode()
    assert service.name_cy in listing


def test_following_something_that_does_not_exist_is_refused(person):
    with pytest.raises(actions.UnknownThing):
        actions.follow(person=person, kind="service", key="NOPE")
    with pytest.raises(actions.UnknownThing):
        actions.follow(person=person, kind="spaceship", key="1")


def test_one_click_stops_a_follow_and_nobody_can_stop_anothers(client, person, service):
    other = actions.follow(person=person, kind="service", key=service.public_id)
    from porth.accounts.tests.factories import UserFactory

    stranger = UserFactory()
    client.force_login(stranger)
    client.post(f"/en/following/{other.pk}/stop/")
    assert Follow.objects.filter(pk=other.pk).exists()
    client.force_login(person)
    client.post(f"/en/following/{other.pk}/stop/")
    assert not Follow.objects.filter(pk=other.pk).exists()


def test_followers_are_told_of_a_phase_change_in_their_own_language(
    service, editor, django_capture_on_commit_callbacks
):
    from porth.accounts.tests.factories import UserFactory

    welsh = UserFactory(preferred_language="cy")
    english = UserFactory(preferred_language="en")
    for person in (welsh, english):
        actions.follow(person=person, kind="service", key=service.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        _change_phase(service, editor)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Public beta" in by_address[english.email].body
    assert service.name_en in by_address[english.email].body
    assert service.name_cy in by_address[welsh.email].body
    assert "/cy/register/services/" in by_address[welsh.email].body


def test_people_who_chose_a_daily_digest_get_one_email_for_the_days_changes(
    service, editor, person, django_capture_on_commit_callbacks
):
    second = ServiceFactory(organisation=service.organisation, phase=Phase.ALPHA)
    for followed in (service, second):
        actions.follow(person=person, kind="service", key=followed.public_id)
    actions.choose_delivery(person=person, delivery="daily")
    for followed in (service, second):
        with django_capture_on_commit_callbacks(execute=True):
            _change_phase(followed, editor)
    assert mail.outbox == []
    assert Notice.objects.filter(sent_at__isnull=True).count() == 2
    assert actions.send_daily_digests() == 1
    assert len(mail.outbox) == 1
    assert actions.send_daily_digests() == 0


def test_a_script_in_a_service_name_is_plain_text_in_the_email(
    organisation, editor, django_capture_on_commit_callbacks
):
    service = ServiceFactory(organisation=organisation, name_en="<script>alert(1)</script>")
    from porth.accounts.tests.factories import UserFactory

    reader = UserFactory(preferred_language="en")
    actions.follow(person=reader, kind="service", key=service.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        _change_phase(service, editor)
    assert "<script>alert(1)</script> has changed." in mail.outbox[0].body


def _change_many(services, editor):
    register_actions.change_services(
        edits=[
            register_actions.ServiceEdit(
                service=service, phase=Phase.PUBLIC_BETA, phase_from=datetime.date.today()
            )
            for service in services
        ],
        changed_by=editor,
    )


def test_followers_of_services_changed_in_a_batch_are_told_as_of_one_change(
    organisation, editor, person, django_capture_on_commit_callbacks
):
    followed, other = (ServiceFactory(organisation=organisation, phase=Phase.ALPHA) for _ in "ab")
    actions.follow(person=person, kind="service", key=followed.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        _change_many([other, followed], editor)
    assert len(mail.outbox) == 1
    assert followed.name_en in mail.outbox[0].body or followed.name_cy in mail.outbox[0].body


def test_a_batch_of_changed_services_waits_on_one_job_and_queues_tasks_only_for_followed_ones(
    organisation, editor, person, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from porth.following import queue

    waiting = {}
    for size in (10, 50):
        services = [
            ServiceFactory(organisation=organisation, phase=Phase.ALPHA) for _ in range(size)
        ]
        actions.follow(person=person, kind="service", key=services[3].public_id)
        with django_capture_on_commit_callbacks() as hooks:
            _change_many(services, editor)
        jobs = [hook for hook in hooks if isinstance(hook, queue._TellFollowersOfMany)]
        waiting[size] = (len(jobs), len([h for h in hooks if isinstance(h, queue._TellFollowers)]))
        queued: list[int] = []
        with pytest.MonkeyPatch.context() as patch:
            task = SimpleNamespace(enqueue=lambda service_id, into=queued: into.append(service_id))
            patch.setattr(queue, "tasks", SimpleNamespace(tell_followers_of_service_later=task))
            with django_assert_max_num_queries(1):
                jobs[0]()
        assert queued == [services[3].pk]
    assert waiting[10] == waiting[50] == (1, 0)
