"""Finding 8 of issue 9: every write to self-assessments, reviews, people, organisations and API
tokens leaves an audit entry saying who, when, and what it was before and after.

`WRITES` lists every public function of the audited actions modules with a call that makes it
write; `NOT_AUDITED` lists the others with the reason. A new public function in one of those
modules fails `test_finding_8_every_public_action_is_either_audited_or_exempt_with_a_reason`
until it is added to one or the other.
"""

import ast
import datetime
import inspect
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from porth.accounts import actions as accounts_actions
from porth.accounts.models import Membership
from porth.accounts.tests.factories import (
    CentreStaffFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from porth.communities import actions as communities_actions
from porth.communities.models import Listing as CommunityListing
from porth.communities.models import Membership as CommunityMembership
from porth.communities.tests.factories import CommunityFactory, published_thread
from porth.core import audit
from porth.core.models import AuditEntry
from porth.core.permissions import Role
from porth.engagements import actions as engagements_actions
from porth.following import actions as following_actions
from porth.following.models import Follow
from porth.insight import actions as insight_actions
from porth.learning import actions as learning_actions
from porth.learning.models import Booking, BookingStatus
from porth.learning.tests.factories import CourseFactory as LearningCourseFactory
from porth.learning.tests.factories import SessionFactory as LearningSessionFactory
from porth.measures import actions as measures_actions
from porth.measures.models import Target
from porth.moderation import actions as moderation_actions
from porth.newsletter import links as newsletter_links
from porth.newsletter.actions import issues as newsletter_issues
from porth.newsletter.actions import subscriptions as newsletter_subscriptions
from porth.newsletter.actions import transfer as newsletter_transfer
from porth.newsletter.tests.factories import IssueFactory, SubscriberFactory
from porth.open_data import actions as open_data_actions
from porth.open_data.models import PersonalToken
from porth.organisations import actions as organisations_actions
from porth.organisations.models import Organisation
from porth.organisations.tests.factories import OrganisationFactory
from porth.panels import actions as panels_actions
from porth.register.tests.factories import ServiceFactory
from porth.skills import actions as skills_actions
from porth.skills import framework as skills_framework
from porth.skills.models import SkillsAssessment
from porth.standards import demo as standards_demo
from porth.standards.actions import manual as standards_manual
from porth.standards.actions import review as standards_review
from porth.standards.actions import self_assessment as standards_self_assessment
from porth.standards.actions import standards as standards_standards
from porth.standards.models import Criterion

MODULES: dict[str, ModuleType] = {
    "standards": standards_self_assessment,
    "standards.review": standards_review,
    "standards.standards": standards_standards,
    "standards.manual": standards_manual,
    "standards.demo": standards_demo,
    "engagements": engagements_actions,
    "panels": panels_actions,
    "accounts": accounts_actions,
    "organisations": organisations_actions,
    "open_data": open_data_actions,
    "learning": learning_actions,
    "skills": skills_actions,
    "measures": measures_actions,
    "insight": insight_actions,
    "newsletter.subscriptions": newsletter_subscriptions,
    "newsletter.issues": newsletter_issues,
    "newsletter.transfer": newsletter_transfer,
    "following": following_actions,
    "moderation": moderation_actions,
    "communities": communities_actions,
}

NOT_AUDITED: dict[str, str] = {
    "session_ics": "renders a session as an iCalendar file; writes nothing",
    "unique_course_slug": "works out a free address for a new course; writes nothing",
    "create_course": "writes through save_course, audited there as learning.save_course",
    "update_course": "writes through save_course, audited there as learning.save_course",
    "invite_colleague": "books through book_place (learning.book_place) and records "
    "learning.invite_colleague on the booking",
    "accept_invitation": "records learning.accept_invitation on the booking it hands over",
    "decline_invitation": "frees the place through cancel_booking or leave_waiting_list, "
    "which are audited",
    "colleague_by_email": "finds a colleague by email address; writes nothing",
    "send_session_reminders": "sends reminders; it records only when each was sent, so it is "
    "sent once",
    "max_links": "reads a setting; writes nothing",
    "clean_text": "checks text against the rules; writes nothing",
    "ensure_space": "makes a space an app's seed needs (reference data), as other seeds do",
    "tell_author_of_outcome": "sends the email about a decision that was audited when made",
    "send_check_in_reminders": "sends reminder emails; only notes when a pair was reminded",
    "read_standard_rows": "reads the committed standards file; writes nothing",
    "read_criterion_rows": "reads the committed criteria file; writes nothing",
    "read_manual_content": "reads the committed manual content; writes nothing",
    "record_manual_feedback": "anonymous feedback on a manual page: the row is itself the record "
    "and there is nobody to name",
    "seed_manual": "Wagtail pages, whose revisions and log Wagtail keeps itself",
    "seed_demo_self_assessments": "demo data, written through the audited actions above",
    "seed_demo_reviews": "demo data, written through the audited actions above",
    "seed": "runs the demo seeding above, which writes through the audited actions",
    "send_invitation_email": "sends the email of an invitation invite_person has recorded",
    "record_token_use": "a use of a token, not a change to it (at most once a minute)",
    "take_snapshot": "a machine-made copy of the public register, not a change to a record",
    "refresh_landscape_figures": "a cache of figures worked out from the register",
    "build_whole_register_downloads": "files built from the register for downloads; no record",
    "queue_landscape_refresh": "asks the worker for refresh_landscape_figures; changes no record",
    "landscape_for_reader": "reads (and refreshes) the cache of figures",
    "add_requested_organisation": "recorded by organisations.add_organisation, which it calls "
    "and whose entry names the new body",
    "take_snapshots": "figures worked out again from other apps' records, not a change to one",
    "recompute_history": "figures worked out again from other apps' records, not a change to one",
    "add_page_views": "anonymous counts of page views: nothing about a person, nobody acted",
    "record_page_views": "moves anonymous counts from the cache to the database",
    "prune_page_views": "deletes counts older than the 2 years the privacy notice states",
    "add_manual_feedback_comment": "the comment on an anonymous feedback row; nobody to name",
    "send_manage_link": "emails a signed link to an address that already has a subscription; "
    "writes nothing",
    "send_test": "emails a test of an issue to the member of staff who asked; writes nothing",
    "send_issue": "the worker's sending: each email's Send row is its own record",
    "send_digests": "the worker's weekly digests: each issue's Send row is its own record",
    "export_rows": "reads subscribers for a download; writes nothing",
    "read_rows": "checks an import file; writes nothing",
    "tell_followers_of_service": "the worker's notices to followers; each Notice row is the record",
    "send_daily_digests": "the worker's daily digests of notices; marks each notice sent",
    "tell_followers_of_post": "the worker's notices to followers; each Notice row is the record",
    "tell_followers_of_manual_page": "the worker's notices to followers; each Notice row is the "
    "record",
    "tell_followers_of_session": "the worker's notices to followers; each Notice row is the record",
    "tell_followers_of_blog_post": "the worker's notices to followers; each Notice row is the "
    "record",
    "appoint_lead": "recorded by moderation.set_moderators, which it calls and whose entry names "
    "the community's leads",
    "start_thread": "recorded by moderation.submit_contribution, which it calls for the opening "
    "post (the thread is that contribution's subject)",
    "reply": "recorded by moderation.submit_contribution, which it calls",
    "note_post_published": "moves a thread up the list when moderation publishes a post; the "
    "decision itself is audited by moderation.decide",
    "tell_leads_of_request": "sends the email about a request join_community has recorded",
    "tell_person_of_approval": "sends the email about a decision decide_membership has recorded",
}


# --- A small world the calls act on ----------------------------------------------------------


@pytest.fixture
def world(db):
    """A body with an editor, the standards with their checklists, a service, and an actor:
    centre staff who is also an assessor, so every step may be theirs."""
    standard_set = standards_standards.load_standard_set(
        version="1.0",
        published_on=datetime.date(2024, 4, 1),
        rows=standards_standards.read_standard_rows(),
    )
    standards_standards.seed_criteria(
        standard_set=standard_set, rows=standards_standards.read_criterion_rows()
    )
    organisation = OrganisationFactory()
    actor = CentreStaffFactory(full_name="Ceri Centre")
    world = SimpleNamespace(
        organisation=organisation,
        editor=MembershipFactory(organisation=organisation, role=Role.EDITOR).person,
        service=ServiceFactory(organisation=organisation),
        standard_set=standard_set,
        actor=actor,
        assessor=standards_review.update_assessor(
            person=actor, disciplines=["design"], works_in_welsh=True
        ),
    )
    return world


def _draft(w):
    return standards_self_assessment.start_self_assessment(
        service=w.service, phase="alpha", person=w.editor
    )


def _criteria(self_assessment):
    return Criterion.objects.filter(
        standard__standard_set=self_assessment.standard_set, phase=self_assessment.phase
    ).select_related("standard")


def _answer(self_assessment, criteria, rating="met", by=None):
    standards_self_assessment.save_answers(
        self_assessment=self_assessment,
        answers=[
            standards_self_assessment.AnswerInput(
                criterion=criterion, rating=rating, evidence="Research", links=""
            )
            for criterion in criteria
        ],
        by=by,
    )


def _submitted(w):
    self_assessment = _draft(w)
    _answer(self_assessment, _criteria(self_assessment))
    return standards_self_assessment.submit_self_assessment(
        self_assessment=self_assessment, person=w.editor
    )


def _requested(w):
    return standards_review.request_review(
        service=w.service, phase="beta", preferred_dates="March", person=w.editor
    )


def _triaged(w):
    return standards_review.triage_review(
        review=_requested(w), review_type="light_touch", review_date=datetime.date(2027, 3, 9)
    )


def _in_review(w):
    return standards_review.assign_panel(
        review=_triaged(w), assessors=[w.assessor], lead=w.assessor
    )


def _outcome(w, review, standard):
    return standards_review.record_standard_outcome(
        review=review,
        standard=standard,
        rating="green",
        went_well_en="Clear",
        went_well_cy="Clir",
        to_improve_en="",
        to_improve_cy="",
        person=w.actor,
    )


def _reported(w):
    review = _in_review(w)
    for standard in review.standard_set.standards.all():
        _outcome(w, review, standard)
    return standards_review.submit_report(
        review=review, outcome="green", summary_en="Good", summary_cy="Da", person=w.actor
    )


def _recommendation(w, review, by):
    return standards_review.add_recommendation(
        review=review,
        standard=review.standard_set.standards.first(),
        text_en="Test with users",
        text_cy="Profi gyda defnyddwyr",
        due_on=None,
        person=by,
    )


def _organisation_row(slug: str) -> dict[str, str]:
    return {
        "slug": slug,
        "name_en": "Test Council",
        "name_cy": "Cyngor Prawf",
        "type": Organisation._meta.get_field("type").choices[0][0],
        "gss_code": "",
        "website": "",
    }


# Each builder sets up what the write needs and returns (actor, call); the call makes the write
# and returns the record whose timeline should show it.
Builder = Callable[[Any], tuple[Any, Callable[[], Any]]]


def _self_assessment_writes() -> dict[str, Builder]:
    sa = standards_self_assessment

    def start(w):
        return w.actor, lambda: sa.start_self_assessment(
            service=w.service, phase="alpha", person=w.actor
        )

    def save(w):
        draft = _draft(w)
        return w.actor, lambda: (_answer(draft, _criteria(draft)[:2], by=w.actor), draft)[1]

    def add(w):
        draft = _draft(w)
        return (
            w.actor,
            lambda: (
                sa.add_action(
                    self_assessment=draft,
                    standard=draft.standard_set.standards.first(),
                    description="Map the goals",
                    owner="Owner",
                    due_on=datetime.date(2027, 6, 30),
                    by=w.actor,
                ).self_assessment
            ),
        )

    def done(w):
        draft = _draft(w)
        action = sa.add_action(
            self_assessment=draft,
            standard=draft.standard_set.standards.first(),
            description="Map the goals",
            owner="Owner",
            due_on=datetime.date(2027, 6, 30),
        )
        return (
            w.actor,
            lambda: sa.set_action_done(action=action, is_done=True, by=w.actor).self_assessment,
        )

    def submit(w):
        draft = _draft(w)
        _answer(draft, _criteria(draft))
        return w.actor, lambda: sa.submit_self_assessment(self_assessment=draft, person=w.actor)

    def publish(w):
        submitted = _submitted(w)
        return w.actor, lambda: sa.set_self_assessment_published(
            self_assessment=submitted, is_published=True, by=w.actor
        )

    return {
        "start_self_assessment": start,
        "save_answers": save,
        "add_action": add,
        "set_action_done": done,
        "submit_self_assessment": submit,
        "set_self_assessment_published": publish,
    }


def _review_writes() -> dict[str, Builder]:
    rv = standards_review

    def request(w):
        _submitted(w)
        return w.actor, lambda: rv.request_review(
            service=w.service, phase="beta", preferred_dates="May", person=w.actor
        )

    def triage(w):
        review = _requested(w)
        return w.actor, lambda: rv.triage_review(
            review=review,
            review_type="light_touch",
            review_date=datetime.date(2027, 3, 9),
            by=w.actor,
        )

    def panel(w):
        review = _triaged(w)
        return w.actor, lambda: rv.assign_panel(
            review=review, assessors=[w.assessor], lead=w.assessor, by=w.actor
        )

    def outcome(w):
        review = _in_review(w)
        return w.actor, lambda: _outcome(w, review, review.standard_set.standards.first()).review

    def recommend(w):
        review = _in_review(w)
        return w.actor, lambda: _recommendation(w, review, w.actor).review

    def report(w):
        review = _in_review(w)
        for standard in review.standard_set.standards.all():
            _outcome(w, review, standard)
        return w.actor, lambda: rv.submit_report(
            review=review, outcome="amber", summary_en="Fair", summary_cy="Teg", person=w.actor
        )

    def respond(w):
        # The report's author may not answer it (finding 9): the body's editor does.
        review = _reported(w)
        return w.editor, lambda: rv.respond_to_report(
            review=review, accept=False, reason="Standard 3 was met", person=w.editor
        )

    def resolve(w):
        # Nor may anyone on the panel decide the challenge: another member of staff does.
        review = rv.respond_to_report(
            review=_reported(w), accept=False, reason="Unfair", person=w.editor
        )
        other_staff = CentreStaffFactory(full_name="Morgan Staff")
        return other_staff, lambda: rv.resolve_challenge(
            review=review, uphold_report=True, person=other_staff
        )

    def recommendation_done(w):
        review = _in_review(w)
        recommendation = _recommendation(w, review, w.actor)
        return (
            w.actor,
            lambda: (
                rv.set_recommendation_done(
                    recommendation=recommendation, is_done=True, by=w.actor
                ).review
            ),
        )

    def assessor(w):
        person = UserFactory()
        return w.actor, lambda: rv.update_assessor(
            person=person, disciplines=["research"], works_in_welsh=False, by=w.actor
        )

    def conflict(w):
        return (
            w.actor,
            lambda: (
                rv.declare_conflict(
                    assessor=w.assessor,
                    organisation=w.organisation,
                    reason="Worked there",
                    by=w.actor,
                ).assessor
            ),
        )

    def profile(w):
        return w.actor, lambda: rv.update_assessor_profile(
            assessor=w.assessor,
            disciplines=["design", "research"],
            works_in_welsh=True,
            conflicts=[w.organisation],
            by=w.actor,
        )

    return {
        "request_review": request,
        "triage_review": triage,
        "assign_panel": panel,
        "record_standard_outcome": outcome,
        "add_recommendation": recommend,
        "submit_report": report,
        "respond_to_report": respond,
        "resolve_challenge": resolve,
        "set_recommendation_done": recommendation_done,
        "update_assessor": assessor,
        "declare_conflict": conflict,
        "update_assessor_profile": profile,
    }


def _standards_writes() -> dict[str, Builder]:
    st = standards_standards

    def load(w):
        return w.actor, lambda: st.load_standard_set(
            version="1.1",
            published_on=datetime.date(2025, 4, 1),
            rows=st.read_standard_rows(),
            by=w.actor,
        )

    def publish(w):
        return w.actor, lambda: st.publish_standard_set(
            version="2.0",
            published_on=datetime.date(2026, 4, 1),
            rows=st.read_standard_rows(),
            by=w.actor,
        )

    def seed(w):
        empty = st.load_standard_set(
            version="1.2", published_on=datetime.date(2025, 5, 1), rows=st.read_standard_rows()
        )
        return w.actor, lambda: (
            st.seed_criteria(standard_set=empty, rows=st.read_criterion_rows(), by=w.actor),
            empty,
        )[1]

    return {"load_standard_set": load, "publish_standard_set": publish, "seed_criteria": seed}


def _accounts_writes() -> dict[str, Builder]:
    ac = accounts_actions

    def preferences(w):
        return w.actor, lambda: ac.update_preferences(
            person=w.actor, full_name="Ceri Canolfan", preferred_language="cy"
        )

    def invite(w):
        return w.actor, lambda: ac.invite_person(
            organisation=w.organisation,
            email="newcomer@example.gov.uk",
            role=Role.EDITOR,
            language="cy",
            invited_by=w.actor,
        )

    def accept(w):
        newcomer = UserFactory()
        invitation = InvitationFactory(organisation=w.organisation, email=newcomer.email)
        return newcomer, lambda: ac.accept_invitation(invitation=invitation, person=newcomer)

    def change(w):
        membership = Membership.objects.get(person=w.editor)
        return w.actor, lambda: ac.change_role(
            membership=membership, role=Role.ADMIN, changed_by=w.actor
        )

    def remove(w):
        membership = Membership.objects.get(person=w.editor)
        removed = SimpleNamespace(pk=membership.pk, model=Membership)
        return w.actor, lambda: (
            ac.remove_membership(membership=membership, removed_by=w.actor),
            removed,
        )[1]

    return {
        "update_preferences": preferences,
        "invite_person": invite,
        "accept_invitation": accept,
        "change_role": change,
        "remove_membership": remove,
    }


def _organisations_writes() -> dict[str, Builder]:
    def load(w):
        return w.actor, lambda: organisations_actions.load_organisations(
            rows=[_organisation_row("test-council")], by=w.actor
        ).created[0]

    def add(w):
        return w.actor, lambda: organisations_actions.add_organisation(
            name_en="Example Housing Trust",
            name_cy="Ymddiriedolaeth Tai Enghreifftiol",
            type="third_sector",
            by=w.actor,
        )

    return {"load_organisations": load, "add_organisation": add}


def _open_data_writes() -> dict[str, Builder]:
    od = open_data_actions

    def create(w):
        return w.actor, lambda: od.create_token(person=w.actor, name="Nightly export")[0]

    def revoke(w):
        token, _secret = od.create_token(person=w.actor, name="Old script")
        return w.actor, lambda: od.revoke_token(token=token, by=w.actor)

    def revoke_all(w):
        od.create_token(person=w.actor, name="Old script")
        return None, lambda: (
            od.revoke_tokens_of(person=w.actor),
            PersonalToken.objects.get(person=w.actor),
        )[1]

    def withdraw(w):
        od.create_token(person=w.editor, name="Editor script", organisations=[w.organisation])
        return None, lambda: (
            od.withdraw_tokens_from(person=w.editor, organisation=w.organisation),
            PersonalToken.objects.get(person=w.editor),
        )[1]

    return {
        "create_token": create,
        "revoke_token": revoke,
        "revoke_tokens_of": revoke_all,
        "withdraw_tokens_from": withdraw,
    }


def _skills_writes() -> dict[str, Builder]:
    sk = skills_actions

    def start(w):
        return w.editor, lambda: sk.start_skills_assessment(person=w.editor, context="health")

    def save(w):
        assessment = sk.start_skills_assessment(person=w.editor, context="health")
        return w.editor, lambda: sk.save_skill_ratings(
            assessment=assessment, ratings={"user-focus": 2}, person=w.editor, finish=False
        )

    def delete(w):
        assessment = sk.start_skills_assessment(person=w.editor, context="health")
        pk = assessment.pk
        return w.editor, lambda: (
            sk.delete_skills_assessment(assessment=assessment, person=w.editor),
            SimpleNamespace(model=SkillsAssessment, pk=pk),
        )[1]

    def request(w):
        return w.editor, lambda: sk.request_organisation(person=w.editor, name="Example Trust")

    def decline(w):
        named = sk.request_organisation(person=w.editor, name="Example Trust")
        return w.actor, lambda: sk.decline_organisation_request(request=named, by=w.actor)

    def capability(w):
        answers = [
            sk.AreaAnswer(area=area.code, level=2, evidence="A plan")
            for area in skills_framework.current().areas
        ]
        return w.actor, lambda: sk.save_capability_assessment(
            organisation=w.organisation,
            year=datetime.date.today().year,
            answers=answers,
            by=w.actor,
        )

    return {
        "start_skills_assessment": start,
        "save_skill_ratings": save,
        "delete_skills_assessment": delete,
        "request_organisation": request,
        "decline_organisation_request": decline,
        "save_capability_assessment": capability,
    }


def _measures_writes() -> dict[str, Builder]:
    key = "register.services_recorded"

    def set_target(w):
        return w.actor, lambda: measures_actions.set_target(
            measure_key=key, value=Decimal(100), by=w.actor
        )

    def remove_target(w):
        target = measures_actions.set_target(measure_key=key, value=Decimal(100), by=w.actor)
        return w.actor, lambda: (
            measures_actions.remove_target(measure_key=key, by=w.actor),
            SimpleNamespace(model=Target, pk=target.pk),
        )[1]

    return {"set_target": set_target, "remove_target": remove_target}


def _newsletter_subscription_writes() -> dict[str, Builder]:
    ns = newsletter_subscriptions

    def token(purpose, subscriber):
        return newsletter_links.make_token(
            purpose, subscriber_id=subscriber.pk, email=subscriber.email
        )

    def subscribe(w):
        return None, lambda: ns.subscribe(
            email="reader@example.org", topics=["blog"], frequency="each", language="cy"
        )

    def confirm(w):
        pending = SubscriberFactory(status="pending")
        return None, lambda: ns.confirm(token=token(newsletter_links.CONFIRM, pending))

    def change(w):
        subscriber = SubscriberFactory()
        return None, lambda: ns.change_choices(
            token=token(newsletter_links.MANAGE, subscriber),
            topics=["events"],
            frequency="weekly",
            language="en",
        )

    def unsubscribe(w):
        subscriber = SubscriberFactory()
        return None, lambda: ns.unsubscribe(token=token(newsletter_links.UNSUBSCRIBE, subscriber))

    return {
        "subscribe": subscribe,
        "confirm": confirm,
        "change_choices": change,
        "unsubscribe": unsubscribe,
    }


def _newsletter_issue_writes() -> dict[str, Builder]:
    ni = newsletter_issues
    fields = {
        "topic": "blog",
        "subject_en": "News",
        "subject_cy": "Newyddion",
        "body_en": "Text",
        "body_cy": "Testun",
    }

    def save(w):
        return w.actor, lambda: ni.save_issue(by=w.actor, **fields)

    def schedule(w):
        issue = IssueFactory()
        return w.actor, lambda: ni.schedule_issue(
            issue=issue, send_at=datetime.datetime.now(datetime.UTC), by=w.actor
        )

    def start(w):
        issue = IssueFactory(status="scheduled", send_at=datetime.datetime.now(datetime.UTC))
        return None, lambda: (ni.start_due_issues(), issue)[1]

    return {"save_issue": save, "schedule_issue": schedule, "start_due_issues": start}


def _newsletter_transfer_writes() -> dict[str, Builder]:
    consents = (
        '"[{""kind"": ""confirmed"", ""given_at"": ""2026-11-01T10:00:00+00:00"", '
        '""wording_version"": ""2026-12"", ""language"": ""cy""}]"'
    )
    data = (
        ",".join(newsletter_transfer.COLUMNS)
        + f"\nreader@example.org,confirmed,blog,each,both,,{consents}\n"
    ).encode()

    def load(w):
        return w.actor, lambda: (
            newsletter_transfer.import_subscribers(data=data, by=w.actor),
            SubscriberFactory._meta.model.objects.get(email="reader@example.org"),
        )[1]

    return {"import_subscribers": load}


def _following_writes() -> dict[str, Builder]:
    fa = following_actions

    def follow(w):
        return w.editor, lambda: fa.follow(person=w.editor, kind="service", key=w.service.public_id)

    def stop(w):
        made = fa.follow(person=w.editor, kind="service", key=w.service.public_id)
        gone = SimpleNamespace(pk=made.pk, model=Follow)
        return w.editor, lambda: (fa.stop_following(person=w.editor, follow_id=made.pk), gone)[1]

    def choose(w):
        return w.editor, lambda: fa.choose_delivery(person=w.editor, delivery="daily")

    return {"follow": follow, "stop_following": stop, "choose_delivery": choose}


def _moderation_writes() -> dict[str, Builder]:
    md = moderation_actions

    def _space():
        return md.ensure_space(key="audit-space", name_en="Blog", name_cy="Blog")

    def _comment(w):
        return md.submit_contribution(
            space=_space(),
            subject=w.organisation,
            subject_title="A post",
            subject_url="/en/",
            author=w.editor,
            text="Thank you",
            language="en",
        )

    def submit(w):
        return w.editor, lambda: _comment(w)

    def decide(w):
        comment = _comment(w)
        return w.actor, lambda: md.decide(
            contribution=comment, by=w.actor, approve=True, reason="Fine"
        )

    def report(w):
        comment = _comment(w)
        md.decide(contribution=comment, by=w.actor, approve=True, reason="Fine")
        return w.actor, lambda: md.report_contribution(
            contribution=comment, by=w.actor, reason="Rude"
        )

    def change(w):
        return w.actor, lambda: md.change_space(
            space=_space(), by=w.actor, mode="post", report_threshold=2
        )

    def quiet(w):
        return w.actor, lambda: md.start_quiet_period(
            spaces=[_space()],
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 5, 7),
            notice_en="Closed",
            notice_cy="Ar gau",
            by=w.actor,
        )

    def moderators(w):
        return w.actor, lambda: md.set_moderators(space=_space(), people=[w.editor], by=w.actor)

    return {
        "set_moderators": moderators,
        "submit_contribution": submit,
        "decide": decide,
        "report_contribution": report,
        "change_space": change,
        "start_quiet_period": quiet,
    }


def _communities_writes() -> dict[str, Builder]:
    ca = communities_actions

    def create(w):
        return w.actor, lambda: ca.create_community(
            slug="welsh-language-design",
            name_en="Designing services in Welsh",
            name_cy="Dylunio gwasanaethau yn Gymraeg",
            description_en="Services in Welsh first",
            description_cy="Gwasanaethau yn Gymraeg yn gyntaf",
            access="open",
            welsh_first=True,
            by=w.actor,
        )

    def join(w):
        community = CommunityFactory()
        return w.editor, lambda: ca.join_community(
            community=community, person=w.editor, listed=False
        )

    def leave(w):
        community = CommunityFactory()
        made = ca.join_community(community=community, person=w.editor, listed=False)
        gone = SimpleNamespace(pk=made.pk, model=CommunityMembership)
        return w.editor, lambda: (ca.leave_community(community=community, person=w.editor), gone)[1]

    def decide(w):
        community = CommunityFactory(access="request")
        asked = ca.join_community(community=community, person=w.editor, listed=False)
        return w.actor, lambda: ca.decide_membership(membership=asked, by=w.actor, approve=True)

    def choose(w):
        made = ca.join_community(community=CommunityFactory(), person=w.editor, listed=False)
        return w.editor, lambda: ca.choose_listing(membership=made, listed=True)

    def pin(w):
        thread = published_thread(CommunityFactory(), lead=w.actor)
        return w.actor, lambda: ca.pin_thread(thread=thread, by=w.actor, pinned=True)

    def resource(w):
        community = CommunityFactory()
        return w.actor, lambda: ca.add_resource(
            community=community,
            by=w.actor,
            title_en="GOV.WALES style guide",
            title_cy="Canllaw arddull LLYW.CYMRU",
            url="https://www.gov.wales/govwales-style-guide",
        )

    def listing(w):
        return w.editor, lambda: ca.save_listing(
            person=w.editor,
            profession="Service designer",
            skills_offered="Workshops",
            welsh_ability="fluent",
        )

    def unlisting(w):
        made = ca.save_listing(
            person=w.editor, profession="Designer", skills_offered="Maps", welsh_ability="none"
        )
        gone = SimpleNamespace(pk=made.pk, model=CommunityListing)
        return w.editor, lambda: (ca.remove_listing(person=w.editor), gone)[1]

    return {
        "save_listing": listing,
        "remove_listing": unlisting,
        "create_community": create,
        "join_community": join,
        "leave_community": leave,
        "decide_membership": decide,
        "choose_listing": choose,
        "pin_thread": pin,
        "add_resource": resource,
    }


def _engagements_writes() -> dict[str, Builder]:
    en = engagements_actions

    def _request(w):
        return en.send_help_request(
            organisation=w.organisation,
            person=w.actor,
            problem="Slow assessments",
            services=[w.service],
            urgency="high",
            help_type="squad",
            language="cy",
        )

    def _engagement(w):
        return en.create_engagement(
            by=w.actor,
            title_en="Care",
            title_cy="Gofal",
            problem_en="Slow",
            problem_cy="Araf",
            goals_en="Faster",
            goals_cy="Cyflymach",
            theme="adult-social-care",
            phase="discovery",
            starts_on=datetime.date(2024, 4, 1),
            partners=[w.organisation],
        )

    def send(w):
        return w.actor, lambda: _request(w)

    def accept(w):
        help_request = _request(w)
        return w.actor, lambda: (
            en.accept_request(
                help_request=help_request,
                by=w.actor,
                title_en="Care",
                title_cy="Gofal",
                theme="adult-social-care",
            ),
            help_request,
        )[1]

    def decline(w):
        help_request = _request(w)
        return w.actor, lambda: en.decline_request(
            help_request=help_request, by=w.actor, reason="Full"
        )

    def refer(w):
        help_request = _request(w)
        return w.actor, lambda: en.refer_request(
            help_request=help_request, by=w.actor, referred_to="Elsewhere", reason="Better fit"
        )

    def create(w):
        return w.actor, lambda: _engagement(w)

    def update(w):
        engagement = _engagement(w)
        return w.actor, lambda: en.update_engagement(
            engagement=engagement, by=w.actor, title_en="Adult social care"
        )

    def phase(w):
        engagement = _engagement(w)
        return w.actor, lambda: (
            en.change_phase(
                engagement=engagement,
                by=w.actor,
                phase="alpha",
                started_on=datetime.date(2024, 9, 1),
            ),
            engagement,
        )[1]

    def squad(w):
        engagement = _engagement(w)
        return w.actor, lambda: en.add_squad_member(
            engagement=engagement, by=w.actor, name="Demo", role_en="Designer", role_cy="Dylunydd"
        )

    def entry(w):
        engagement = _engagement(w)
        return w.actor, lambda: en.add_timeline_entry(
            engagement=engagement,
            by=w.actor,
            kind="show-and-tell",
            happened_on=datetime.date(2024, 6, 1),
            title_en="Show",
            title_cy="Dangos",
            text_en="Text",
            text_cy="Testun",
            is_public=True,
        )

    return {
        "send_help_request": send,
        "accept_request": accept,
        "decline_request": decline,
        "refer_request": refer,
        "create_engagement": create,
        "update_engagement": update,
        "change_phase": phase,
        "add_squad_member": squad,
        "add_timeline_entry": entry,
    }


def _panels_writes() -> dict[str, Builder]:
    pa = panels_actions

    def _panel(w, slug="advisory-panel"):
        return pa.add_panel(
            by=w.actor,
            slug=slug,
            name_en="Advisory panel",
            name_cy="Panel cynghori",
            purpose_en="Advice",
            purpose_cy="Cyngor",
        )

    def _member(w, panel):
        return pa.add_member(
            by=w.actor,
            panel=panel,
            name="Demo Person",
            profile_en="Made up",
            profile_cy="Dychmygol",
            profile_is_public=True,
            term_from=datetime.date(2020, 9, 1),
        )

    def _meeting(w, panel):
        return pa.record_meeting(
            by=w.actor,
            panel=panel,
            held_on=datetime.date(2020, 11, 18),
            agenda_en="Standards",
            agenda_cy="Safonau",
        )

    def _action(w, meeting):
        return pa.add_action(
            by=w.actor,
            meeting=meeting,
            description_en="Share",
            description_cy="Rhannu",
            owner="Demo",
            due_on=datetime.date(2020, 12, 1),
        )

    def member(w):
        panel = _panel(w)
        return w.actor, lambda: _member(w, panel)

    def meeting(w):
        panel = _panel(w)
        return w.actor, lambda: _meeting(w, panel)

    def minutes(w):
        held = _meeting(w, _panel(w))
        return w.actor, lambda: pa.save_minutes(
            by=w.actor, meeting=held, minutes_en="Met", minutes_cy="Cwrdd", publish=True
        )

    def action(w):
        held = _meeting(w, _panel(w))
        return w.actor, lambda: _action(w, held)

    def done(w):
        action = _action(w, _meeting(w, _panel(w)))
        return w.actor, lambda: pa.mark_action_done(by=w.actor, action=action)

    def _members(w):
        return _member(w, _panel(w)), _member(w, _panel(w, "apprentice-panel"))

    def pair(w):
        mentor, apprentice = _members(w)
        return w.actor, lambda: pa.pair_up(
            by=w.actor, mentor=mentor, apprentice=apprentice, starts_on=datetime.date(2020, 9, 1)
        )

    def check_in(w):
        mentor, apprentice = _members(w)
        pair = pa.pair_up(
            by=w.actor, mentor=mentor, apprentice=apprentice, starts_on=datetime.date(2020, 9, 1)
        )
        return w.actor, lambda: pa.record_check_in(
            by=w.actor, pair=pair, held_on=datetime.date(2021, 1, 5), note="Private"
        )

    return {
        "add_panel": lambda w: (w.actor, lambda: _panel(w)),
        "add_member": member,
        "record_meeting": meeting,
        "save_minutes": minutes,
        "add_action": action,
        "mark_action_done": done,
        "pair_up": pair,
        "record_check_in": check_in,
    }


def _learning_writes() -> dict[str, Builder]:
    la = learning_actions

    def _book(session, person=None):
        return la.book_place(
            session=session, person=person or UserFactory(), participation_language="en"
        )

    def _offered(w):
        session = LearningSessionFactory(capacity=1)
        taken = _book(session)
        waiting = _book(session)
        la.cancel_booking(booking=taken, by=taken.person)
        return session, waiting

    def organiser(w):
        person = UserFactory()
        return w.actor, lambda: la.grant_organiser(person=person, by=w.actor)

    def course(w):
        return w.actor, lambda: la.save_course(
            slug="agile",
            title_en="Agile",
            title_cy="Ystwyth",
            summary_en="Agile",
            summary_cy="Ystwyth",
            audience="everyone",
            format="online",
            topic="agile",
            length_minutes=60,
            by=w.actor,
        )

    def schedule(w):
        session = LearningSessionFactory.build()
        course = LearningCourseFactory()
        return w.actor, lambda: la.schedule_session(
            course=course,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            delivery_language="cy",
            capacity=10,
            booking_opens_at=session.booking_opens_at,
            booking_closes_at=session.booking_closes_at,
            by=w.actor,
        )

    def cancel_session(w):
        session = LearningSessionFactory()
        return w.actor, lambda: la.cancel_session(session=session, by=w.actor)

    def profile(w):
        return w.actor, lambda: la.save_learner_profile(person=w.actor, role_category="other")

    def book(w):
        session = LearningSessionFactory()
        return w.actor, lambda: _book(session, w.actor)

    def cancel(w):
        booking = _book(LearningSessionFactory(), w.actor)
        return w.actor, lambda: la.cancel_booking(booking=booking, by=w.actor)

    def leave(w):
        session = LearningSessionFactory(capacity=1)
        _book(session)
        booking = _book(session, w.actor)
        return w.actor, lambda: la.leave_waiting_list(booking=booking)

    def move(w):
        session = LearningSessionFactory(capacity=1)
        _book(session)
        _book(session)
        booking = _book(session)
        return w.actor, lambda: la.move_up(booking=booking, reason="Nobody trained", by=w.actor)

    def offer(w):
        session, _waiting = _offered(w)
        return None, lambda: la.offer_free_places(session_id=session.pk)[0]

    def accept(w):
        session, waiting = _offered(w)
        la.offer_free_places(session_id=session.pk)
        return waiting.person, lambda: la.accept_offer(booking=waiting)

    def expire(w):
        session, waiting = _offered(w)
        la.offer_free_places(session_id=session.pk)
        later = waiting.session.starts_at
        return None, lambda: (la.expire_offers(now=later), waiting)[1]

    def _past_booking(w):
        now = timezone.now()
        session = LearningSessionFactory(
            starts_at=now - datetime.timedelta(hours=2),
            booking_opens_at=now - datetime.timedelta(days=9),
            booking_closes_at=now - datetime.timedelta(days=1),
        )
        return Booking.objects.create(
            session=session,
            person=w.editor,
            status=BookingStatus.CONFIRMED,
            participation_language="en",
        )

    def register(w):
        booking = _past_booking(w)
        return w.actor, lambda: la.record_attendance(
            session=booking.session, attended_ids={booking.pk}, by=w.actor
        )

    def upload(w):
        booking = _past_booking(w)
        rows = [{"email": w.editor.email, "attended": "yes"}]
        return w.actor, lambda: la.import_attendance(session=booking.session, rows=rows, by=w.actor)

    def feedback(w):
        booking = _past_booking(w)
        la.record_attendance(session=booking.session, attended_ids={booking.pk}, by=None)
        return w.editor, lambda: la.submit_feedback(
            booking=booking, rating=5, was_useful=True, would_recommend=True
        )

    def erase(w):
        booking = _book(LearningSessionFactory(), w.editor)
        Booking.objects.filter(pk=booking.pk).update(access_needs="Captions")
        later = booking.session.ends_at + datetime.timedelta(days=31)
        return None, lambda: la.erase_sensitive_answers(now=later)[0]

    def material(w):
        session = LearningSessionFactory()
        return w.actor, lambda: la.add_material(
            session=session,
            kind="recording",
            title_en="Recording",
            title_cy="Recordiad",
            url="https://video.example.org/session",
            language="en",
            by=w.actor,
        )

    def calendar(w):
        la.save_learner_profile(person=w.actor, role_category="other")
        return w.actor, lambda: la.reset_calendar_token(person=w.actor)

    def update_session(w):
        session = LearningSessionFactory()
        return w.actor, lambda: la.update_session(
            session=session,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            delivery_language="cy",
            capacity=session.capacity + 5,
            booking_closes_at=session.booking_closes_at,
            is_published=True,
            by=w.actor,
        )

    return {
        "update_session": update_session,
        "add_material": material,
        "reset_calendar_token": calendar,
        "erase_sensitive_answers": erase,
        "record_attendance": register,
        "import_attendance": upload,
        "submit_feedback": feedback,
        "grant_organiser": organiser,
        "save_course": course,
        "schedule_session": schedule,
        "cancel_session": cancel_session,
        "save_learner_profile": profile,
        "book_place": book,
        "cancel_booking": cancel,
        "leave_waiting_list": leave,
        "move_up": move,
        "offer_free_places": offer,
        "accept_offer": accept,
        "expire_offers": expire,
    }


WRITES: dict[str, dict[str, Builder]] = {
    "standards": _self_assessment_writes(),
    "standards.review": _review_writes(),
    "standards.standards": _standards_writes(),
    "standards.manual": {},
    "standards.demo": {},
    "accounts": _accounts_writes(),
    "organisations": _organisations_writes(),
    "open_data": _open_data_writes(),
    "learning": _learning_writes(),
    "engagements": _engagements_writes(),
    "panels": _panels_writes(),
    "moderation": _moderation_writes(),
    "communities": _communities_writes(),
    "skills": _skills_writes(),
    "measures": _measures_writes(),
    "insight": {},
    "newsletter.subscriptions": _newsletter_subscription_writes(),
    "newsletter.issues": _newsletter_issue_writes(),
    "newsletter.transfer": _newsletter_transfer_writes(),
    "following": _following_writes(),
}


def public_functions(module: ModuleType) -> set[str]:
    return {
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


# --- The registry is complete ----------------------------------------------------------------


def test_finding_8_every_public_action_is_either_audited_or_exempt_with_a_reason():
    for key, module in MODULES.items():
        found = public_functions(module)
        listed = set(WRITES[key]) | (found & set(NOT_AUDITED))
        assert found - listed == set(), (
            f"{module.__name__} has public functions that are neither in WRITES (with a call "
            "that checks they are audited) nor in NOT_AUDITED (with the reason)"
        )
        assert set(WRITES[key]) - found == set(), f"{module.__name__} lost a listed action"
    assert all(reason.strip() for reason in NOT_AUDITED.values())


CASES = [(key, name) for key, builders in WRITES.items() for name in builders]


@pytest.mark.parametrize(("key", "name"), CASES, ids=[name for _key, name in CASES])
def test_finding_8_each_write_action_records_who_did_it_to_which_record(world, key, name):
    actor, call = WRITES[key][name](world)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    target = call()
    new = list(AuditEntry.objects.exclude(pk__in=before))
    app = key.split(".")[0]
    assert [entry.action for entry in new] == [f"{app}.{name}"], new
    entry = new[0]
    assert entry.actor == actor
    assert entry.actor_name == (audit.name_of(actor) if actor is not None else "")
    model = target.model if isinstance(target, SimpleNamespace) else type(target)
    assert entry.target_type == ContentType.objects.get_for_model(model)
    assert entry.target_key == str(target.pk)
    assert entry.title["en"] and entry.title["cy"]
    assert entry.title["en"] != entry.title["cy"], "the Welsh title is missing"


# --- What an entry says ------------------------------------------------------------------------


def test_finding_8_changing_an_answer_keeps_the_rating_and_evidence_before_and_after(world):
    draft = _draft(world)
    criterion = _criteria(draft)[0]
    _answer(draft, [criterion], rating="met", by=world.editor)
    standards_self_assessment.save_answers(
        self_assessment=draft,
        answers=[
            standards_self_assessment.AnswerInput(
                criterion=criterion, rating="not_met", evidence="Nothing yet", links=""
            )
        ],
        by=world.actor,
    )
    entry = audit.entries_for(draft).first()
    assert entry.actor == world.actor
    with translation.override("en"):
        lines = {line["label"].rsplit(" – ", 1)[1]: line for line in entry.lines()}
        assert (lines["rating"]["before"], lines["rating"]["after"]) == ("Met", "Not met")
        assert (lines["evidence"]["before"], lines["evidence"]["after"]) == (
            "Research",
            "Nothing yet",
        )
        assert "links" not in lines, "an unchanged field is not listed"
    with translation.override("cy"):
        assert any(line["label"].startswith("Safon") for line in entry.lines())


def test_finding_8_the_report_text_is_kept_before_and_after_it_is_sent(world):
    review = _reported(world)
    entry = audit.entries_for(review).filter(action="standards.submit_report").get()
    with translation.override("en"):
        changes = {line["label"]: line for line in entry.lines()}
    assert changes["summary in English"]["after"] == "Good"
    assert changes["summary in Welsh"]["after"] == "Da"
    assert changes["overall outcome"]["after"] == "Green"


def test_finding_8_a_removed_membership_keeps_who_removed_whom_and_their_role(world):
    membership = Membership.objects.get(person=world.editor)
    accounts_actions.remove_membership(membership=membership, removed_by=world.actor)
    entry = audit.entries_for_organisation(world.organisation, ["accounts."]).get()
    assert entry.actor_name == "Ceri Centre"
    assert world.editor.full_name in entry.title["en"]
    with translation.override("cy"):
        assert {line["label"]: line["before"] for line in entry.lines()}["rôl"] == "Golygydd"


def test_finding_8_a_write_that_is_refused_leaves_no_entry(world):
    admin = MembershipFactory(organisation=world.organisation, role=Role.ADMIN)
    with pytest.raises(accounts_actions.LastAdminCannotLeave):
        accounts_actions.change_role(membership=admin, role=Role.MEMBER, changed_by=world.actor)
    assert not AuditEntry.objects.filter(action="accounts.change_role").exists()


def test_finding_8_the_entry_outlives_the_person_who_acted(world):
    open_data_actions.create_token(person=world.editor, name="Script")
    name = world.editor.full_name
    world.editor.delete()
    entry = AuditEntry.objects.get(action="open_data.create_token")
    assert entry.actor is None and entry.actor_name == name


def test_finding_8_core_audit_names_no_domain_app():
    core = Path(audit.__file__).parent
    for module in ("audit.py", "models.py"):
        tree = ast.parse((core / module).read_text())
        imported = [
            node.module or ""
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 0
        ] + [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        assert not [name for name in imported if name.startswith("porth.")], module


# --- Who may read the timelines ----------------------------------------------------------------


@pytest.fixture
def history(world):
    """A submitted self-assessment and a review in progress, with a change to the people."""
    self_assessment = _submitted(world)
    review = _in_review(world)
    accounts_actions.change_role(
        membership=Membership.objects.get(person=world.editor),
        role=Role.ADMIN,
        changed_by=world.actor,
    )
    return SimpleNamespace(self_assessment=self_assessment, review=review)


def _pages(world, history) -> dict[str, str]:
    return {
        "self_assessment": f"/standards/self-assessments/{history.self_assessment.pk}/history/",
        "review": f"/standards/reviews/{history.review.pk}/history/",
        "people": f"/account/organisations/{world.organisation.slug}/people/history/",
        "audit": "/audit/",
    }


@pytest.mark.parametrize("language", ["en", "cy"])
def test_finding_8_centre_staff_read_every_timeline_in_both_languages(
    client, world, history, language
):
    client.force_login(world.actor)
    expected = {
        "self_assessment": {
            "en": "Self-assessment submitted",
            "cy": "Hunanasesiad wedi’i gyflwyno",
        },
        "review": {"en": "Panel assigned", "cy": "Neilltuwyd y panel"},
        "people": {"en": "changed", "cy": "wedi newid"},
        "audit": {"en": "Ceri Centre", "cy": "Ceri Centre"},
    }
    for page, path in _pages(world, history).items():
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert 'class="porth-timeline"' in html
        assert expected[page][language] in html, (page, language)


def test_finding_8_the_body_sees_its_timelines_but_only_admins_see_the_people_history(
    client, world, history
):
    pages = _pages(world, history)
    # The editor was made an admin by `history`; a plain editor is refused the people history.
    plain_editor = MembershipFactory(organisation=world.organisation, role=Role.EDITOR).person
    client.force_login(plain_editor)
    assert client.get("/en" + pages["self_assessment"]).status_code == 200
    assert client.get("/en" + pages["review"]).status_code == 200
    assert client.get("/en" + pages["people"]).status_code == 403
    assert client.get("/en" + pages["audit"]).status_code == 403
    member = MembershipFactory(organisation=world.organisation, role=Role.MEMBER).person
    client.force_login(member)
    for page in ("self_assessment", "review", "people", "audit"):
        assert client.get("/en" + pages[page]).status_code == 403, page


def test_finding_8_another_body_and_an_anonymous_visitor_are_refused_every_timeline(
    client, world, history
):
    pages = _pages(world, history)
    for page, path in pages.items():
        response = client.get("/en" + path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    outsider = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMIN).person
    client.force_login(outsider)
    for page, path in pages.items():
        assert client.get("/en" + path).status_code == 403, page
        assert client.get("/cy" + path).status_code == 403, page


def test_finding_8_a_change_to_a_service_also_lands_in_the_one_audit_log(world):
    from porth.register.actions import record_phase

    record_phase(
        service=world.service,
        phase="public_beta",
        applies_from=datetime.date(2026, 1, 5),
        recorded_by=world.actor,
    )
    entry = audit.entries_for(world.service).get(action="register.phase")
    assert entry.actor == world.actor
    assert entry.organisation_key == world.organisation.pk
    with translation.override("cy"):
        assert entry.title_text() == "Cyfnod wedi'i gofnodi"
        assert [line["label"] for line in entry.lines()] == ["Cyfnod"]


def test_finding_8_the_body_does_not_see_the_panels_drafts_before_the_report_is_sent(client, world):
    review = _in_review(world)
    _outcome(world, review, review.standard_set.standards.first())
    path = f"/en/standards/reviews/{review.pk}/history/"
    client.force_login(world.editor)
    html = client.get(path).content.decode()
    assert "Panel assigned" in html
    assert "Outcome for standard" not in html
    client.force_login(world.actor)
    assert "Outcome for standard" in client.get(path).content.decode()
