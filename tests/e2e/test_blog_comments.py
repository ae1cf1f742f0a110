"""The blog and its comments, in each language: read, comment, see it held, moderate, tell the
author; report a comment until it is hidden; close comments for a pre-election period.
Every page on the way is checked with axe-core."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.blog.actions import seed_blog
from tests.e2e.steps import fill_date, sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "blog": "Blog",
        "post": "Why digital skills need context",
        "topic": "Skills and capability",
        "comment_label": "Your comment",
        "send": "Send comment",
        "held": "Waiting for a moderator",
        "queue": "Moderation queue",
        "approve": "Approve",
        "reason": "Reason",
        "save_decision": "Save decision",
        "told": "Your comment is published",
        "report": "Report this comment",
        "report_reason": "Why should a moderator look at this comment?",
        "send_report": "Send report",
        "spaces": "Spaces and pre-election periods",
        "change": "Change",
        "threshold": "Reports before a comment is hidden",
        "save": "Save",
        "set_period": "Set a pre-election period",
        "notice_en": "Notice in English",
        "notice_cy": "Notice in Welsh",
        "closed": "Comments are closed from",
    },
    "cy": {
        "blog": "Blog",
        "post": "Pam mae angen cyd-destun ar sgiliau digidol",
        "topic": "Sgiliau a gallu",
        "comment_label": "Eich sylw",
        "send": "Anfon sylw",
        "held": "Yn aros am gymedrolwr",
        "queue": "Ciw cymedroli",
        "approve": "Cymeradwyo",
        "reason": "Rheswm",
        "save_decision": "Cadw penderfyniad",
        "told": "Mae eich sylw wedi'i gyhoeddi",
        "report": "Rhoi gwybod am y sylw hwn",
        "report_reason": "Pam y dylai cymedrolwr edrych ar y sylw hwn?",
        "send_report": "Anfon adroddiad",
        "spaces": "Mannau a chyfnodau cyn etholiad",
        "change": "Newid",
        "threshold": "Nifer yr adroddiadau cyn cuddio sylw",
        "save": "Cadw",
        "set_period": "Gosod cyfnod cyn etholiad",
        "notice_en": "Hysbysiad yn Saesneg",
        "notice_cy": "Hysbysiad yn Gymraeg",
        "closed": "Mae sylwadau ar gau o",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_comment_is_held_approved_reported_until_hidden_and_closed_for_an_election(
    page: Page, site: str, language: str, axe_check, mailbox
) -> None:
    words = WORDS[language]
    seed_blog(with_posts=True)
    author = UserFactory(preferred_language=language)
    staff = CentreStaffFactory()
    comment = (
        "Diolch! Mae hyn yn ddefnyddiol <b>iawn</b>."
        if language == "cy"
        else ("Thank you, this is <b>very</b> useful.")
    )

    # The author finds the post through the blog and a topic, and writes a comment.
    sign_in_as(page, site, author)
    page.goto(f"{site}/{language}/")
    page.get_by_role("link", name=words["blog"], exact=True).first.click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_role("link", name=words["topic"]).click()
    axe_check(page)
    page.get_by_role("link", name=words["post"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["post"])
    axe_check(page)
    page.get_by_label(words["comment_label"]).fill(comment)
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_text(words["held"], exact=True)).to_be_visible()
    expect(page.get_by_text(comment)).to_be_visible()  # as typed: the markup shows as text
    axe_check(page)
    post_url = page.url.split("#")[0]

    # A moderator approves it from the one queue; the author is told by email.
    sign_in_as(page, site, staff)
    page.goto(f"{site}/{language}/moderation/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["queue"])
    axe_check(page)
    page.get_by_role("link", name=re.compile(re.escape(words["post"]))).click()
    axe_check(page)
    page.get_by_label(words["approve"]).check()
    page.get_by_label(words["reason"]).fill("OK")
    page.get_by_role("button", name=words["save_decision"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["queue"])
    emails = [path.read_text() for path in mailbox.iterdir()]
    assert any(author.email in text and words["told"] in text for text in emails), emails

    # Centre staff hide comments after two reports.
    page.get_by_role("link", name=words["spaces"]).click()
    axe_check(page)
    page.get_by_role("link", name=f"{words['change']} Blog").click()
    axe_check(page)
    page.get_by_label(words["threshold"]).fill("2")
    page.get_by_role("button", name=words["save"]).click()

    # Two readers report it; it is hidden until a moderator looks.
    for _ in range(2):
        sign_in_as(page, site, UserFactory(preferred_language=language))
        page.goto(post_url)
        expect(page.get_by_text(comment)).to_be_visible()
        page.get_by_role("link", name=re.compile(words["report"])).click()
        axe_check(page)
        page.get_by_label(words["report_reason"]).fill("Off topic")
        page.get_by_role("button", name=words["send_report"]).click()
        # Wait for the redirect, so the report is not cut off by the next page.
        page.wait_for_url(f"{post_url}**")
    page.goto(post_url)
    expect(page.get_by_text(comment)).to_have_count(0)

    # Centre staff set a pre-election period: comments close with a dated notice.
    sign_in_as(page, site, staff)
    page.goto(f"{site}/{language}/moderation/spaces/")
    page.get_by_role("link", name=words["set_period"]).click()
    axe_check(page)
    page.get_by_label("Blog").check()
    today = timezone.localdate()
    fill_date(page, "starts_on", today)
    fill_date(page, "ends_on", today + datetime.timedelta(days=14))
    page.get_by_label(words["notice_en"]).fill("Comments reopen after polling day.")
    page.get_by_label(words["notice_cy"]).fill("Bydd sylwadau'n ailagor ar ôl diwrnod y bleidlais.")
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url(f"{site}/{language}/moderation/spaces/")
    sign_in_as(page, site, author)
    page.goto(post_url)
    expect(page.get_by_text(words["closed"])).to_be_visible()
    expect(page.get_by_text("Comments reopen after polling day.")).to_be_visible()
    expect(page.get_by_label(words["comment_label"])).to_have_count(0)
    axe_check(page)
