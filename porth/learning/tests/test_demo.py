import pytest
from django.utils import timezone

from porth.accounts import demo as accounts_demo
from porth.core.seeding import SeedOptions
from porth.learning import demo
from porth.learning.models import Booking, Course, HistoricalReach, Session
from porth.organisations import demo as organisations_demo

pytestmark = pytest.mark.django_db


def _quiet(line: str) -> None:
    """Progress lines are not under test."""


def test_the_demo_has_the_alpha_course_past_and_upcoming_sessions_and_a_waiting_list():
    options = SeedOptions()
    organisations_demo.seed(demo=True, options=options, out=_quiet)
    accounts_demo.seed(demo=True, options=options, out=_quiet)
    demo.seed(demo=True, options=options, out=_quiet)
    demo.seed(demo=True, options=options, out=_quiet)
    now = timezone.now()
    intro = Course.objects.get(slug="introduction-to-digital-transformation")
    assert intro.length_minutes == 90 and intro.format == "online"
    assert intro.sessions.filter(starts_at__lt=now).exists()
    assert intro.sessions.filter(starts_at__gt=now).exists()
    assert Course.objects.get(slug="knowledge-sharing-webinar-series").sessions.count() >= 3
    assert Booking.objects.filter(status="waiting").exists()
    assert HistoricalReach.objects.count() == 2
    assert Session.objects.count() == 9
