"""Demo data for the newsletter: a draft issue in both languages, written from the alpha report
(data/demo_issue.json), for centre staff to test and schedule. Nothing in production."""

import json
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model

from porth.core.seeding import SeedOptions

from .actions.issues import save_issue
from .models import Issue

DEPENDS_ON = ("accounts",)
DATA = Path(__file__).resolve().parent / "data" / "demo_issue.json"


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    """With `demo`, add the draft issue once (an existing one is kept as it is)."""
    if not demo:
        return
    fields = json.loads(DATA.read_text(encoding="utf-8"))
    if Issue.objects.filter(subject_en=fields["subject_en"]).exists():
        return
    staff = get_user_model().objects.filter(is_centre_staff=True).order_by("pk").first()
    save_issue(by=staff, **fields)
    out("Demo newsletter issue: a draft in both languages")
