"""Fixtures for the standards app: the real standards, loaded from the committed data files."""

import datetime

import pytest

from porth.standards.actions import (
    load_standard_set,
    read_criterion_rows,
    read_standard_rows,
    seed_criteria,
)
from porth.standards.models import Criterion


@pytest.fixture
def standard_rows():
    return read_standard_rows()


@pytest.fixture
def standard_set(db, standard_rows):
    """Version 1.0 of the 12 standards, current."""
    return load_standard_set(
        version="1.0", published_on=datetime.date(2024, 4, 1), rows=standard_rows
    )


@pytest.fixture
def criteria(standard_set):
    """The demo checklists for every standard and phase of version 1.0."""
    seed_criteria(standard_set=standard_set, rows=read_criterion_rows())
    return Criterion.objects.filter(standard__standard_set=standard_set)


@pytest.fixture
def home_pages(db, django_capture_on_commit_callbacks):
    """The English and Welsh home pages, linked as translations, with the site on English.

    Made here rather than by `seed_pages` so these tests do not depend on the demo content.
    """
    from wagtail.models import Locale, Page, Site

    from porth.pages.models import HomePage

    english, _created = Locale.objects.get_or_create(language_code="en")
    welsh, _created = Locale.objects.get_or_create(language_code="cy")
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Porth", slug="home-en", locale=english))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home, "site_name": "Porth"},
        )
    welsh_home = home.get_translation_or_none(welsh)
    if welsh_home is None:
        with django_capture_on_commit_callbacks(execute=True):
            welsh_home = home.copy_for_translation(welsh)
            welsh_home.slug = "home-cy"
            welsh_home.save_revision().publish()
    return {"en": home, "cy": welsh_home.specific}


# Seeding runs wagtail-localize for every page; three standards keep the tests quick.
MANUAL_STANDARDS_IN_TESTS = {3, 5, 7}


@pytest.fixture
def manual_content():
    from porth.standards.actions.manual import read_manual_content

    content = read_manual_content()
    content["standards"] = [
        item for item in content["standards"] if item["number"] in MANUAL_STANDARDS_IN_TESTS
    ]
    return content


@pytest.fixture
def manual(home_pages, standard_set, manual_content, django_capture_on_commit_callbacks):
    """The seeded manual in both languages, for three standards; the English manual page."""
    from porth.standards.actions import seed_manual
    from porth.standards.models import ManualIndexPage

    with django_capture_on_commit_callbacks(execute=True):
        seed_manual(content=manual_content)
    return ManualIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def service(organisation):
    from porth.register.tests.factories import ServiceFactory

    return ServiceFactory(
        organisation=organisation,
        name_en="Apply for a blue badge",
        name_cy="Gwneud cais am fathodyn glas",
    )


@pytest.fixture
def other_service(other_organisation):
    from porth.register.tests.factories import ServiceFactory

    return ServiceFactory(organisation=other_organisation)


@pytest.fixture
def self_assessment(service, criteria, editor):
    """A draft for the alpha phase, nothing answered yet."""
    from porth.standards.actions import start_self_assessment

    return start_self_assessment(service=service, phase="alpha", person=editor)


def answer_everything(self_assessment, rating="met", **overrides):
    """Rate every criterion of the self-assessment; `overrides` maps standard numbers to ratings."""
    from porth.standards.actions import AnswerInput, save_answers
    from porth.standards.models import Criterion

    criteria = Criterion.objects.filter(
        standard__standard_set=self_assessment.standard_set, phase=self_assessment.phase
    ).select_related("standard")
    save_answers(
        self_assessment=self_assessment,
        answers=[
            AnswerInput(
                criterion=criterion,
                rating=overrides.get(f"s{criterion.standard.number}", rating),
                evidence="See the research report",
                links="",
            )
            for criterion in criteria
        ],
    )


@pytest.fixture
def submitted_self_assessment(self_assessment, editor):
    from porth.standards.actions import submit_self_assessment

    answer_everything(self_assessment, s3="partly_met", s11="not_met")
    return submit_self_assessment(self_assessment=self_assessment, person=editor)


@pytest.fixture
def assessors(db):
    """Four assessors: the first two prefer Welsh, the last has a conflict with `organisation`."""
    from porth.accounts.tests.factories import UserFactory
    from porth.standards.actions import update_assessor

    people = [
        UserFactory(full_name="Aled Assessor", preferred_language="cy"),
        UserFactory(full_name="Bethan Assessor", preferred_language="cy"),
        UserFactory(full_name="Carys Assessor", preferred_language="en"),
        UserFactory(full_name="Dafydd Assessor", preferred_language="en"),
    ]
    return [
        update_assessor(person=person, disciplines=["design"], works_in_welsh=True)
        for person in people
    ]


@pytest.fixture
def conflicted(assessors, organisation):
    from porth.standards.actions import declare_conflict

    declare_conflict(assessor=assessors[3], organisation=organisation, reason="Worked there")
    return assessors[3]


def give_every_outcome(review, person, rating="green"):
    from porth.standards.actions import record_standard_outcome

    for standard in review.standard_set.standards.all():
        record_standard_outcome(
            review=review,
            standard=standard,
            rating=rating,
            went_well_en="Clear research",
            went_well_cy="Ymchwil glir",
            to_improve_en="",
            to_improve_cy="",
            person=person,
        )


@pytest.fixture
def review_in_progress(submitted_self_assessment, service, editor, assessors, centre_staff):
    """A full panel review with its panel assigned; assessors[0] leads."""
    import datetime

    from porth.standards.actions import assign_panel, request_review, triage_review

    review = request_review(
        service=service, phase="beta", preferred_dates="Any Tuesday in March", person=editor
    )
    triage_review(review=review, review_type="full_panel", review_date=datetime.date(2027, 3, 9))
    return assign_panel(review=review, assessors=assessors[:3], lead=assessors[0])


@pytest.fixture
def reported_review(review_in_progress, assessors):
    from porth.standards.actions import submit_report

    give_every_outcome(review_in_progress, assessors[1].person)
    return submit_report(
        review=review_in_progress,
        outcome="amber",
        summary_en="A strong service with work to do on data.",
        summary_cy="Gwasanaeth cryf gyda gwaith i'w wneud ar ddata.",
        person=assessors[0].person,
    )


def send_report_with_recommendation(
    review,
    lead,
    *,
    due_on=None,
    text_en="Publish the accessibility statement",
    summary_en="Good work; accessibility needs attention.",
):
    """The panel rates every standard green, asks for one action on standard 5 and the lead
    sends an amber report to the team."""
    from porth.standards.actions import add_recommendation, submit_report

    add_recommendation(
        review=review,
        standard=review.standard_set.standards.get(number=5),
        text_en=text_en,
        text_cy="Cyhoeddi'r datganiad hygyrchedd",
        due_on=due_on,
        person=lead,
    )
    give_every_outcome(review, lead)
    return submit_report(
        review=review,
        outcome="amber",
        summary_en=summary_en,
        summary_cy="Gwasanaeth cryf gyda gwaith i'w wneud.",
        person=lead,
    )


def post_with_token(client, url: str, data: dict, **kwargs):
    """Post a create form as a browser would: with the one-time token the page was shown with."""
    token = client.get(url).context["creation_token"]
    return client.post(url, {**data, "creation_token": token}, **kwargs)
