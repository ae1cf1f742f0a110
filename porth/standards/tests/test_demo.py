import datetime

from porth.core.seeding import SeedOptions
from porth.register.tests.factories import ServiceFactory
from porth.standards.demo import seed, seed_demo_self_assessments
from porth.standards.models import Criterion, SelfAssessment


def test_demo_self_assessments_cover_every_step_and_are_made_once(criteria, organisation, editor):
    for _ in range(3):
        ServiceFactory(organisation=organisation)
    assert seed_demo_self_assessments(today=datetime.date(2026, 11, 25)) == 5
    assert SelfAssessment.objects.filter(status="draft").count() == 2
    assert SelfAssessment.objects.filter(is_published=True).count() == 2
    assert SelfAssessment.objects.filter(status="submitted", is_published=False).count() == 1
    assert SelfAssessment.objects.filter(actions__isnull=False).exists()
    assert seed_demo_self_assessments(today=datetime.date(2026, 11, 25)) == 0


def test_seeding_the_standards_loads_everything_it_can_without_home_pages(db):
    lines: list[str] = []
    options = SeedOptions(today=datetime.date(2026, 11, 25))

    seed(demo=False, options=options, out=lines.append)
    seed(demo=True, options=options, out=lines.append)
    seed(demo=True, options=options, out=lines.append)

    assert lines[0] == "Standards 1.0: 12 standards."
    assert "Manual skipped: the home pages are missing (the pages app seeds them)." in lines
    assert "Demo checklist criteria added: 144" in lines
    assert "Demo checklist criteria added: 0" in lines
    assert Criterion.objects.count() == 144


def test_demo_reviews_are_at_different_steps_and_made_once(
    criteria, organisation, editor, django_capture_on_commit_callbacks
):
    from porth.standards.demo import seed_demo_reviews
    from porth.standards.models import Review

    for _ in range(3):
        ServiceFactory(organisation=organisation)
    seed_demo_self_assessments(today=datetime.date(2026, 11, 25))
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_demo_reviews(today=datetime.date(2026, 11, 25)) == 3
    statuses = sorted(Review.objects.values_list("status", flat=True))
    assert statuses == ["published", "reported", "requested"]
    assert seed_demo_reviews(today=datetime.date(2026, 11, 25)) == 0
