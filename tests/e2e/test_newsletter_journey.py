"""Subscribe, confirm, get an issue in Welsh and English in one email, unsubscribe with one
click (issue 14): in both languages, with axe on every page."""

import email
import re
import time
from email import policy
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from porth.newsletter.actions import issues
from porth.newsletter.models import Subscriber, SubscriberStatus
from porth.newsletter.tests.factories import IssueFactory

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "email": "Email address",
        "topic": "Blog posts",
        "language": "Both, in one email, Welsh first",
        "frequency": "Each issue, as it is sent",
        "subscribe": "Subscribe",
        "check": "Check your email",
        "confirm": "Confirm subscription",
        "subscribed": "You are subscribed",
        "unsubscribe": "Unsubscribe",
    },
    "cy": {
        "email": "Cyfeiriad e-bost",
        "topic": "Blogiau",
        "language": "Y ddwy, mewn un neges, y Gymraeg yn gyntaf",
        "frequency": "Pob rhifyn, wrth iddo gael ei anfon",
        "subscribe": "Tanysgrifio",
        "check": "Gwiriwch eich e-bost",
        "confirm": "Cadarnhau tanysgrifiad",
        "subscribed": "Rydych wedi tanysgrifio",
        "unsubscribe": "Dad-danysgrifio",
    },
}


def _messages(mailbox: Path) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(mailbox.iterdir()):
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                found.append(email.message_from_string(raw.strip(), policy=policy.default))
    return found


def _wait_for(mailbox: Path, pattern: str) -> tuple[email.message.EmailMessage, str]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for message in _messages(mailbox):
            body = message.get_body(preferencelist=("plain",)).get_content()
            if match := re.search(pattern, body):
                return message, match.group(0)
        time.sleep(0.1)
    raise AssertionError(f"No email matches {pattern}")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_subscribe_confirm_get_a_welsh_and_english_issue_and_unsubscribe_with_one_click(
    page: Page, site: str, mailbox: Path, language: str, axe_check, settings
) -> None:
    settings.WAGTAILADMIN_BASE_URL = site
    words = WORDS[language]

    page.goto(f"{site}/{language}/newsletter/")
    axe_check(page)
    page.get_by_label(words["email"]).fill(f"reader-{language}@example.org")
    page.get_by_label(words["topic"]).check()
    page.get_by_label(words["frequency"]).check()
    page.get_by_label(words["language"]).check()
    page.get_by_role("button", name=words["subscribe"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["check"])
    axe_check(page)

    _message, link = _wait_for(mailbox, rf"{re.escape(site)}/{language}/newsletter/confirm/\S+/")
    page.goto(link)
    axe_check(page)
    page.get_by_role("button", name=words["confirm"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["subscribed"])
    axe_check(page)

    for path in mailbox.iterdir():
        path.unlink()
    issue = IssueFactory(status="sending")
    issues.send_issue(issue_id=issue.pk, sleep=lambda seconds: None)
    message, _link = _wait_for(mailbox, "Beth ddysgon ni")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.index("Beth ddysgon ni") < body.index("What we learnt in alpha")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>")

    page.goto(unsubscribe)
    expect(page.get_by_role("button", name=WORDS["cy"]["unsubscribe"])).to_be_visible()
    axe_check(page)
    # What mail software does for "unsubscribe" in its menu (RFC 8058): one POST, no page.
    response = page.request.post(
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED
    assert urlparse(unsubscribe).path.startswith("/cy/")
