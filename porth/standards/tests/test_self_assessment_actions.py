import datetime

import pytest

from porth.standards.actions import (
    AnswerInput,
    NoCurrentStandards,
    SelfAssessmentIncomplete,
    SelfAssessmentNotDraft,
    SelfAssessmentNotSubmitted,
    add_action,
    publish_standard_set,
    save_answers,
    set_action_done,
    set_self_assessment_published,
    start_self_assessment,
    submit_self_assessment,
)
from porth.standards.models import Answer, Criterion, Rating, overall_rating
from porth.standards.queries import self_assessment_progress

from .conftest import answer_everything


def test_a_self_assessment_records_the_current_version_of_the_standards(self_assessment):
    assert self_assessment.standard_set.version == "1.0"
    assert self_assessment.is_draft and not self_assessment.is_published


def test_nothing_can_be_assessed_before_the_standards_are_loaded(service, editor):
    with pytest.raises(NoCurrentStandards):
        start_self_assessment(service=service, phase="alpha", person=editor)


def test_partial_answers_are_kept_and_emptied_answers_removed(self_assessment):
    criterion = Criterion.objects.filter(standard__number=3, phase="alpha").first()
    save_answers(
        self_assessment=self_assessment,
        answers=[AnswerInput(criterion=criterion, rating="", evidence="Notes so far", links="")],
    )
    assert Answer.objects.get().evidence == "Notes so far"
    save_answers(
        self_assessment=self_assessment,
        answers=[AnswerInput(criterion=criterion, rating="", evidence=" ", links="")],
    )
    assert not Answer.objects.exists()


def test_answers_to_another_phases_criteria_are_refused(self_assessment):
    beta = Criterion.objects.filter(standard__number=3, phase="beta").first()
    with pytest.raises(ValueError):
        save_answers(
            self_assessment=self_assessment,
            answers=[AnswerInput(criterion=beta, rating="met", evidence="", links="")],
        )


def test_submitting_is_refused_until_every_question_is_answered(self_assessment, editor):
    answer_everything(self_assessment)
    Answer.objects.filter(criterion__standard__number__in=[4, 9]).delete()
    with pytest.raises(SelfAssessmentIncomplete) as refused:
        submit_self_assessment(self_assessment=self_assessment, person=editor)
    assert refused.value.standard_numbers == [4, 9]


def test_a_submitted_self_assessment_cannot_be_changed(submitted_self_assessment):
    assert submitted_self_assessment.submitted_at is not None
    with pytest.raises(SelfAssessmentNotDraft):
        answer_everything(submitted_self_assessment, rating="not_met")


def test_only_a_submitted_self_assessment_can_be_published(self_assessment, editor):
    with pytest.raises(SelfAssessmentNotSubmitted):
        set_self_assessment_published(self_assessment=self_assessment, is_published=True)
    answer_everything(self_assessment)
    submitted = submit_self_assessment(self_assessment=self_assessment, person=editor)
    assert set_self_assessment_published(self_assessment=submitted, is_published=True).is_published


def test_actions_are_added_and_marked_done(self_assessment):
    standard = self_assessment.standard_set.standards.get(number=5)
    action = add_action(
        self_assessment=self_assessment,
        standard=standard,
        description="Commission an accessibility audit",
        owner="Service owner",
        due_on=datetime.date(2027, 3, 31),
    )
    assert set_action_done(action=action, is_done=True).done_at is not None
    assert set_action_done(action=action, is_done=False).done_at is None


def test_publishing_a_new_version_leaves_past_self_assessments_unchanged(
    submitted_self_assessment, standard_rows, service, editor
):
    import dataclasses

    before = [
        (item.standard.name_en, item.rating, len(item.criteria))
        for item in self_assessment_progress(submitted_self_assessment)
    ]
    renamed = [dataclasses.replace(row, name_en=f"{row.name_en} (2.0)") for row in standard_rows]
    publish_standard_set(version="2.0", published_on=datetime.date(2027, 1, 1), rows=renamed)
    Criterion.objects.filter(standard__standard_set__version="2.0", phase="alpha").delete()

    submitted_self_assessment.refresh_from_db()
    after = [
        (item.standard.name_en, item.rating, len(item.criteria))
        for item in self_assessment_progress(submitted_self_assessment)
    ]
    assert after == before
    assert not any(name.endswith("(2.0)") for name, _rating, _count in after)
    assert (
        start_self_assessment(service=service, phase="beta", person=editor).standard_set.version
        == "2.0"
    )


@pytest.mark.parametrize(
    ("ratings", "overall"),
    [
        (["met", "met"], Rating.MET),
        (["met", "partly_met", "not_applicable"], Rating.PARTLY_MET),
        (["partly_met", "not_met"], Rating.NOT_MET),
        (["not_applicable", "not_applicable"], Rating.NOT_APPLICABLE),
        (["met", ""], None),
        ([], None),
    ],
)
def test_a_standards_rating_is_its_weakest_answer(ratings, overall):
    assert overall_rating(ratings) == overall
