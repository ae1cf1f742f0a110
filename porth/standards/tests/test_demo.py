import datetime

from django.core.management import call_command

from porth.register.tests.factories import ServiceFactory
from porth.standards.actions.demo import seed_demo_self_assessments
from porth.standards.models import SelfAssessment


def test_demo_self_assessments_cover_every_step_and_are_made_once(criteria, organisation, editor):
    for _ in range(3):
        ServiceFactory(organisation=organisation)
    assert seed_demo_self_assessments(today=datetime.date(2026, 11, 25)) == 5
    assert SelfAssessment.objects.filter(status="draft").count() == 2
    assert SelfAssessment.objects.filter(is_published=True).count() == 2
    assert SelfAssessment.objects.filter(status="submitted", is_published=False).count() == 1
    assert SelfAssessment.objects.filter(actions__isnull=False).exists()
    assert seed_demo_self_assessments(today=datetime.date(2026, 11, 25)) == 0


def test_seed_standards_loads_everything_it_can_without_home_pages(db, capsys):
    call_command("seed_standards")
    call_command("seed_standards")
    output = capsys.readouterr()
    assert "Standards 1.0; criteria added: 144" in output.out
    assert "criteria added: 0" in output.out
    assert "seed_pages" in output.err


def test_demo_reviews_are_at_different_steps_and_made_once(
    criteria, organisation, editor, django_capture_on_commit_callbacks
):
    from porth.standards.actions.demo import seed_demo_reviews
    from porth.standards.models import Review

    for _ in range(3):
        ServiceFactory(organisation=organisation)
    seed_demo_self_assessments(today=datetime.date(2026, 11, 25))
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_demo_reviews(today=datetime.date(2026, 11, 25)) == 3
    statuses = sorted(Review.objects.values_list("status", flat=True))
    assert statuses == ["published", "reported", "requested"]
    assert seed_demo_reviews(today=datetime.date(2026, 11, 25)) == 0
