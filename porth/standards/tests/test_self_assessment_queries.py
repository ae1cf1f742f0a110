import datetime

from django.contrib.auth.models import AnonymousUser

from porth.standards.actions import (
    AnswerInput,
    add_action,
    save_answers,
    set_self_assessment_published,
    start_self_assessment,
    submit_self_assessment,
)
from porth.standards.models import Criterion, SelfAssessment
from porth.standards.queries import (
    TaskStatus,
    rating_totals,
    self_assessment_progress,
    trend_by_standard,
    visible_self_assessments,
)

from .conftest import answer_everything


def test_the_task_list_shows_each_standards_status(self_assessment):
    criterion = Criterion.objects.filter(standard__number=2, phase="alpha").first()
    save_answers(
        self_assessment=self_assessment,
        answers=[AnswerInput(criterion=criterion, rating="met", evidence="", links="")],
    )
    progress = {item.standard.number: item for item in self_assessment_progress(self_assessment)}
    assert len(progress) == 12
    assert progress[2].status == TaskStatus.IN_PROGRESS
    assert progress[2].rating is None
    assert progress[1].status == TaskStatus.NOT_STARTED


def test_the_progress_takes_a_fixed_number_of_queries(
    submitted_self_assessment, django_assert_num_queries
):
    with django_assert_num_queries(4):
        progress = self_assessment_progress(submitted_self_assessment)
        [item.rating for item in progress]


def test_ratings_and_totals_come_from_the_answers(submitted_self_assessment):
    add_action(
        self_assessment=submitted_self_assessment,
        standard=submitted_self_assessment.standard_set.standards.get(number=11),
        description="Book a penetration test",
        owner="Technical lead",
        due_on=datetime.date(2027, 1, 31),
    )
    progress = {p.standard.number: p for p in self_assessment_progress(submitted_self_assessment)}
    assert progress[3].rating == "partly_met"
    assert progress[11].rating == "not_met"
    assert len(progress[11].open_actions) == 1
    assert rating_totals(list(progress.values())) == {
        "met": 10,
        "partly_met": 1,
        "not_met": 1,
        "not_applicable": 0,
        "unfinished": 0,
    }


def test_drafts_are_invisible_to_other_bodies_and_the_public(
    self_assessment, service, member, outsider, centre_staff
):
    assert list(visible_self_assessments(service, AnonymousUser())) == []
    assert list(visible_self_assessments(service, outsider)) == []
    assert list(visible_self_assessments(service, member)) == [self_assessment]
    assert list(visible_self_assessments(service, centre_staff)) == [self_assessment]


def test_a_published_self_assessment_is_visible_to_everyone(
    submitted_self_assessment, service, outsider
):
    set_self_assessment_published(self_assessment=submitted_self_assessment, is_published=True)
    assert list(visible_self_assessments(service, AnonymousUser())) == [submitted_self_assessment]
    assert list(visible_self_assessments(service, outsider)) == [submitted_self_assessment]


def test_the_trend_compares_submitted_self_assessments_by_standard(
    submitted_self_assessment, service, editor
):
    later = start_self_assessment(service=service, phase="alpha", person=editor)
    answer_everything(later, s3="met", s11="partly_met", s5="not_met")
    submit_self_assessment(self_assessment=later, person=editor)
    start_self_assessment(service=service, phase="beta", person=editor)  # a draft: left out

    rows = {row.number: row for row in trend_by_standard(list(SelfAssessment.objects.all()))}

    assert rows[3].ratings == ["partly_met", "met"] and rows[3].change == "better"
    assert rows[5].change == "worse"
    assert rows[1].change == "same"
    assert rows[11].cells == ["Not met", "Partly met"]
