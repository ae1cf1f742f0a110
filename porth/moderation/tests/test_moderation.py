"""The one moderation component: taking in, deciding, reporting, the queue and the log."""

import datetime
import importlib

import pytest
from django.core import mail
from django.db.models import OuterRef
from django.utils import timezone

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.moderation import actions, queries
from porth.moderation.age import due_at
from porth.moderation.models import LogAction, Mode, Status
from porth.moderation.sanitise import as_html

from .factories import ContributionFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _submit(space, author, text="Thank you for sharing this."):
    return actions.submit_contribution(
        space=space,
        subject=space,
        subject_title="A post",
        subject_url="/en/blog/a-post/",
        author=author,
        text=text,
        language="en",
    )


def test_comments_are_held_for_a_moderator_by_default():
    space = SpaceFactory()
    assert space.mode == Mode.PRE
    assert _submit(space, UserFactory()).status == Status.HELD


def test_post_moderation_holds_only_a_persons_first_comment():
    space = SpaceFactory(mode=Mode.POST)
    person = UserFactory()
    first = _submit(space, person)
    assert first.status == Status.HELD
    actions.decide(contribution=first, by=CentreStaffFactory(), approve=True, reason="Fine")
    assert _submit(space, person).status == Status.PUBLISHED


def test_a_space_with_comments_off_or_in_a_pre_election_period_takes_none():
    with pytest.raises(actions.CommentsClosed):
        _submit(SpaceFactory(mode=Mode.OFF), UserFactory())
    space = SpaceFactory()
    today = timezone.localdate()
    actions.start_quiet_period(
        spaces=[space],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        notice_en="Comments are closed until after the election.",
        notice_cy="Mae sylwadau ar gau tan ar ôl yr etholiad.",
        by=CentreStaffFactory(),
    )
    with pytest.raises(actions.CommentsClosed):
        _submit(space, UserFactory())
    assert queries.quiet_period(SpaceFactory()) is None


def test_the_quiet_period_read_with_another_row_is_the_one_quiet_period_gives():
    from porth.moderation.models import Space

    today = timezone.localdate()
    quiet, later, other = SpaceFactory(), SpaceFactory(), SpaceFactory()
    staff = CentreStaffFactory()
    for spaces, starts, ends in [
        ([quiet], today - datetime.timedelta(days=2), today + datetime.timedelta(days=30)),
        ([quiet], today, today + datetime.timedelta(days=3)),
        ([later], today + datetime.timedelta(days=1), today + datetime.timedelta(days=9)),
    ]:
        actions.start_quiet_period(
            spaces=spaces,
            starts_on=starts,
            ends_on=ends,
            notice_en="Comments are closed until after the election.",
            notice_cy="Mae sylwadau ar gau tan ar ôl yr etholiad.",
            by=staff,
        )
    ids = dict(
        Space.objects.annotate(period=queries.quiet_period_id_of(OuterRef("pk"))).values_list(
            "pk", "period"
        )
    )
    for space in (quiet, later, other):
        assert queries.quiet_period_by_id(ids[space.pk]) == queries.quiet_period(space)
    assert queries.quiet_period_by_id(ids[quiet.pk]).ends_on == today + datetime.timedelta(days=3)
    assert ids[later.pk] is None and ids[other.pk] is None


def test_very_long_text_and_too_many_links_are_refused():
    space = SpaceFactory()
    with pytest.raises(actions.TooLong):
        _submit(space, UserFactory(), "a" * (actions.MAX_LENGTH + 1))
    with pytest.raises(actions.TooManyLinks):
        _submit(space, UserFactory(), "https://a.example https://b.example https://c.example")


def test_deciding_logs_who_what_and_why_and_tells_the_author_in_their_language(
    django_capture_on_commit_callbacks,
):
    author = UserFactory(preferred_language="cy")
    contribution = ContributionFactory(author=author)
    moderator = CentreStaffFactory()
    actions.decide(contribution=contribution, by=moderator, approve=False, reason="Off topic")
    entry = contribution.log.get()
    assert (entry.by, entry.action, entry.reason) == (moderator, LogAction.REJECTED, "Off topic")
    actions.tell_author_of_outcome(contribution_id=contribution.pk)
    message = mail.outbox[-1]
    assert message.to == [author.email]
    assert "Off topic" in message.body
    with pytest.raises(actions.AlreadyDecided):
        actions.decide(contribution=contribution, by=moderator, approve=True, reason="Again")


def test_markup_in_a_comment_reaches_the_email_as_the_characters_typed():
    contribution = ContributionFactory(body="<script>alert(1)</script> **bold**")
    actions.decide(
        contribution=contribution, by=CentreStaffFactory(), approve=True, reason="<b>ok</b>"
    )
    actions.tell_author_of_outcome(contribution_id=contribution.pk)
    body = mail.outbox[-1].body
    assert "<script>alert(1)</script> **bold**" in body and "&lt;" not in body


def test_enough_reports_hide_a_comment_until_a_moderator_looks():
    space = SpaceFactory(report_threshold=2)
    contribution = ContributionFactory(space=space, status=Status.PUBLISHED, waiting_since=None)
    actions.report_contribution(contribution=contribution, by=UserFactory(), reason="Rude")
    reporter = UserFactory()
    contribution = actions.report_contribution(
        contribution=contribution, by=reporter, reason="Spam"
    )
    assert contribution.status == Status.HIDDEN
    with pytest.raises(actions.AlreadyReported):
        actions.report_contribution(contribution=contribution, by=reporter, reason="Again")
    moderator = CentreStaffFactory()
    assert [item.contribution for item in queries.queue_for(moderator)] == [contribution]
    restored = actions.decide(contribution=contribution, by=moderator, approve=True, reason="Fair")
    assert restored.status == Status.PUBLISHED and restored.report_count == 0


def test_the_queue_is_oldest_first_and_a_space_moderator_sees_only_their_space():
    mine, theirs = SpaceFactory(), SpaceFactory()
    moderator = UserFactory()
    mine.moderators.add(moderator)
    now = timezone.now()
    newer = ContributionFactory(space=mine, waiting_since=now)
    older = ContributionFactory(space=mine, waiting_since=now - datetime.timedelta(hours=3))
    ContributionFactory(space=theirs)
    assert [i.contribution for i in queries.queue_for(moderator)] == [older, newer]
    assert queries.can_moderate(moderator, mine) and not queries.can_moderate(moderator, theirs)
    assert len(queries.queue_for(CentreStaffFactory())) == 3


def test_the_target_is_one_working_day_skipping_weekends_and_bank_holidays():
    friday = datetime.datetime(2026, 12, 4, 10, 0)
    assert due_at(friday) == datetime.datetime(2026, 12, 7, 10, 0)
    christmas_eve = datetime.datetime(2026, 12, 24, 9, 0)
    assert due_at(christmas_eve) == datetime.datetime(2026, 12, 29, 9, 0)


@pytest.mark.parametrize(
    "typed",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))"],
)
def test_script_html_and_markdown_are_shown_as_text(typed):
    html = str(as_html(typed))
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;" in html or "[click]" in html


def test_a_contribution_keeps_its_sanitised_html_from_when_it_was_written():
    typed = '<script>alert(1)</script> See https://www.gov.wales/digital\n\n<img src=x onerror="x">'
    contribution = _submit(SpaceFactory(), UserFactory(), text=typed)
    contribution.refresh_from_db()
    assert contribution.body == typed
    assert contribution.body_html == str(as_html(typed))
    assert "<script" not in contribution.body_html and "<img" not in contribution.body_html
    assert 'href="https://www.gov.wales/digital" rel="nofollow ugc noopener noreferrer"' in (
        contribution.body_html
    )
    assert contribution.html == contribution.body_html


def test_a_contribution_is_shown_from_its_stored_html_not_sanitised_again():
    contribution = ContributionFactory(body="typed", body_html="<p>stored</p>")
    assert str(contribution.html) == "<p>stored</p>"
    assert str(ContributionFactory(body="a <b>", body_html="").html) == "<p>a &lt;b&gt;</p>"


def test_the_migration_fills_the_html_of_contributions_written_before_it():
    from django.apps import apps

    fill = importlib.import_module(
        "porth.moderation.migrations.0002_contribution_body_html"
    ).fill_body_html
    before = ContributionFactory.create_batch(
        3, body="See www.gov.wales & <b>this</b>", body_html=""
    )
    kept = ContributionFactory(body="typed", body_html="<p>already</p>")
    fill(apps, None)
    for contribution in before:
        contribution.refresh_from_db()
        assert contribution.body_html == str(as_html("See www.gov.wales & <b>this</b>"))
    kept.refresh_from_db()
    assert kept.body_html == "<p>already</p>"


def test_web_addresses_become_links_that_search_engines_ignore():
    html = str(as_html("See https://www.gov.wales/digital for more"))
    assert '<a href="https://www.gov.wales/digital" rel="nofollow ugc noopener noreferrer">' in html
