"""A person signs up, verifies their email, signs in, switches language and signs out.

The journey runs once starting in each language, so each language's sign-up, email and sign-in
are used for real, and the switch is checked in both directions. Elements are found by role and
label, as a screen reader user would find them.
"""

import email
import re
import time
from email import policy
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PASSWORD = "sturdy harbour lantern 2026"

# What each language calls the things a person uses on the way.
WORDS = {
    "en": {
        "email": "Email address",
        "password": "Password",
        "new_password": "Create a password",
        "confirm_password": "Confirm password",
        "create_account": "Create account",
        "confirm": "Confirm",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "your_account": "Your account",
        "switch": "Cymraeg",
    },
    "cy": {
        "email": "Cyfeiriad e-bost",
        "password": "Cyfrinair",
        "new_password": "Creu cyfrinair",
        "confirm_password": "Cadarnhau'r cyfrinair",
        "create_account": "Creu cyfrif",
        "confirm": "Cadarnhau",
        "sign_in": "Mewngofnodi",
        "sign_out": "Allgofnodi",
        "your_account": "Eich cyfrif",
        "switch": "English",
    },
}
OTHER = {"en": "cy", "cy": "en"}
CONFIRMATION_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


def _email_bodies(mailbox: Path) -> list[str]:
    """The plain-text bodies of every email the file backend has written."""
    bodies = []
    for path in sorted(mailbox.iterdir()):
        # The file backend separates the messages in one file with a line of 79 dashes.
        for raw in path.read_text().split("-" * 79):
            if not raw.strip():
                continue
            message = email.message_from_string(raw.strip(), policy=policy.default)
            part = message.get_body(preferencelist=("plain",))
            if part is not None:
                bodies.append(part.get_content())
    return bodies


def _confirmation_link(mailbox: Path) -> str:
    """The link in the verification email, waiting briefly for the task that sends it."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for body in _email_bodies(mailbox):
            if match := CONFIRMATION_LINK.search(body):
                return match.group(0)
        time.sleep(0.1)
    bodies = _email_bodies(mailbox)
    raise AssertionError(f"No email in {mailbox} has a confirmation link: {bodies}")


def _expect_language(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_person_signs_up_verifies_signs_in_switches_language_and_signs_out(
    page: Page, site: str, mailbox: Path, language: str
) -> None:
    words, other = WORDS[language], WORDS[OTHER[language]]
    address = f"journey-{language}@example.org"

    page.goto(f"{site}/{language}/accounts/signup/")
    _expect_language(page, language)
    page.get_by_label(words["email"], exact=True).fill(address)
    page.get_by_label(words["new_password"], exact=True).fill(PASSWORD)
    page.get_by_label(words["confirm_password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["create_account"], exact=True).click()
    # allauth's "check your email" page.
    expect(page).to_have_url(re.compile(rf"/{language}/accounts/confirm-email/$"))
    _expect_language(page, language)

    link = _confirmation_link(mailbox)
    assert f"/{language}/accounts/confirm-email/" in link, (
        f"The verification email sent to a person signing up in {language} links to {link}"
    )
    page.goto(link)
    _expect_language(page, language)
    page.get_by_role("button", name=words["confirm"], exact=True).click()

    expect(page).to_have_url(re.compile(rf"/{language}/accounts/login/"))
    page.get_by_label(words["email"], exact=True).fill(address)
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"], exact=True).click()

    expect(page).to_have_url(re.compile(rf"/{language}/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["your_account"])
    expect(page.get_by_text(address).first).to_be_visible()

    page.get_by_role("link", name=words["switch"]).first.click()
    expect(page).to_have_url(re.compile(rf"/{OTHER[language]}/account/$"))
    _expect_language(page, OTHER[language])
    expect(page.get_by_role("heading", level=1)).to_have_text(other["your_account"])

    page.get_by_role("link", name=other["sign_out"], exact=True).first.click()
    page.get_by_role("button", name=other["sign_out"], exact=True).click()
    page.wait_for_load_state()
    _expect_language(page, OTHER[language])
    expect(page.get_by_role("link", name=other["sign_in"], exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name=other["sign_out"], exact=True)).to_have_count(0)

    # Signed out for real: the account page now asks them to sign in.
    page.goto(f"{site}/{OTHER[language]}/account/")
    expect(page).to_have_url(re.compile(rf"/{OTHER[language]}/accounts/login/"))
