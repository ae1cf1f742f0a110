"""Communities of practice, in each language: join a community, start a thread, see it held,
approve it as a moderator, then find it in the community (and by searching) while a follower
of the community gets an email. Every page on the way is checked with axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from porth.accounts.tests.factories import CentreStaffFactory, UserFactory
from porth.communities import actions, demo, queries
from porth.core.seeding import SeedOptions
from porth.following import actions as following
from tests.e2e.steps import sign_in_as

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "list": "Communities of practice",
        "community": "Digital procurement",
        "join_link": "Join this community",
        "listed": "Show my name in the member list",
        "join": "Join",
        "joined": "You have joined this community.",
        "start": "Start a thread",
        "title": "Title",
        "post": "Your post",
        "send": "Post thread",
        "held": "Waiting for a moderator",
        "queue": "Moderation queue",
        "approve": "Approve",
        "reason": "Reason",
        "save_decision": "Save decision",
        "search_label": "Search this community",
        "search": "Search",
        "found": "1 thread found",
        "thread": "Frameworks for buying user research",
        "text": "Which frameworks have you used to buy user research? <b>Any</b> tips welcome.",
        "told": "a new thread",
        "pin": "Pin a resource",
        "title_en": "Title in English",
        "title_cy": "Title in Welsh",
        "file": "Or upload a file",
        "members_only": "Only members of the community can see it",
        "pin_button": "Pin resource",
        "wrong_type": "The selected file must be a PDF, DOCX",
        "choose_again": "You chose the file",
        "pinned": "Resource pinned.",
        "activity": "Recent activity",
        "members_tag": "Members only",
    },
    "cy": {
        "list": "Cymunedau arfer",
        "community": "Caffael digidol",
        "join_link": "Ymuno â'r gymuned hon",
        "listed": "Dangos fy enw yn y rhestr aelodau",
        "join": "Ymuno",
        "joined": "Rydych wedi ymuno â'r gymuned hon.",
        "start": "Dechrau edefyn",
        "title": "Teitl",
        "post": "Eich neges",
        "send": "Postio'r edefyn",
        "held": "Yn aros am gymedrolwr",
        "queue": "Ciw cymedroli",
        "approve": "Cymeradwyo",
        "reason": "Rheswm",
        "save_decision": "Cadw penderfyniad",
        "search_label": "Chwilio'r gymuned hon",
        "search": "Chwilio",
        "found": "Edafedd a ganfuwyd: 1",
        "thread": "Fframweithiau ar gyfer prynu ymchwil defnyddwyr",
        "text": "Pa fframweithiau rydych wedi'u defnyddio i brynu ymchwil? <b>Unrhyw</b> gyngor?",
        "told": "edefyn newydd",
        "pin": "Pinio adnodd",
        "title_en": "Teitl yn Saesneg",
        "title_cy": "Teitl yn Gymraeg",
        "file": "Neu lanlwythwch ffeil",
        "members_only": "Dim ond aelodau'r gymuned sy'n gallu ei weld",
        "pin_button": "Pinio'r adnodd",
        "wrong_type": "Rhaid i'r ffeil a ddewiswyd fod yn ffeil PDF, DOCX",
        "choose_again": "Gwnaethoch ddewis y ffeil",
        "pinned": "Adnodd wedi'i binio.",
        "activity": "Gweithgarwch diweddar",
        "members_tag": "Aelodau yn unig",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_member_joins_posts_a_thread_and_sees_it_after_moderation(
    page: Page, site: str, language: str, axe_check, mailbox
) -> None:
    words = WORDS[language]
    demo.seed(demo=False, options=SeedOptions(), out=lambda line: None)
    community = queries.community_by_slug("procurement")
    follower = UserFactory(preferred_language=language)
    actions.join_community(community=community, person=follower, listed=False)
    following.follow(person=follower, kind="community", key=community.slug)
    author = UserFactory(preferred_language=language)
    staff = CentreStaffFactory()

    # The author finds the community and joins it.
    sign_in_as(page, site, author)
    page.goto(f"{site}/{language}/communities/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["list"])
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe_check(page)
    page.get_by_role("link", name=words["community"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["community"])
    axe_check(page)
    page.get_by_role("link", name=words["join_link"]).click()
    axe_check(page)
    page.get_by_label(words["listed"]).check()
    page.get_by_role("button", name=words["join"], exact=True).click()
    expect(page.get_by_text(words["joined"])).to_be_visible()

    # They start a thread: it is held for a moderator, and only they see it.
    page.get_by_role("link", name=words["start"]).click()
    axe_check(page)
    page.get_by_label(words["title"]).fill(words["thread"])
    page.get_by_label(words["post"]).fill(words["text"])
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["thread"])
    expect(page.get_by_text(words["held"], exact=True)).to_be_visible()
    expect(page.get_by_text(words["text"])).to_be_visible()  # as typed: the markup is text
    axe_check(page)
    assert [m for m in mailbox.iterdir()] == []

    # A moderator approves it from the one queue.
    sign_in_as(page, site, staff)
    page.goto(f"{site}/{language}/moderation/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["queue"])
    page.get_by_role("link", name=re.compile(re.escape(words["thread"]))).click()
    page.get_by_label(words["approve"]).check()
    page.get_by_label(words["reason"]).fill("OK")
    page.get_by_role("button", name=words["save_decision"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["queue"])

    # The follower of the community is told, in their language.
    emails = [path.read_text() for path in mailbox.iterdir()]
    assert any(follower.email in text and words["told"] in text for text in emails), emails

    # The author sees the thread in the community, and finds it by searching.
    sign_in_as(page, site, author)
    page.goto(f"{site}{community.get_absolute_url().replace('/en/', f'/{language}/')}")
    # The thread is in the list of threads and, as a new thread, in the recent activity.
    expect(page.get_by_role("link", name=words["thread"])).to_have_count(2)
    page.get_by_role("table").get_by_role("link", name=words["thread"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["thread"])
    expect(page.get_by_text(words["held"], exact=True)).to_have_count(0)
    axe_check(page)
    page.goto(f"{site}/{language}/communities/procurement/")
    page.get_by_label(words["search_label"]).fill(words["thread"].split()[0])
    page.get_by_role("button", name=words["search"], exact=True).click()
    expect(page.get_by_role("heading", name=words["found"])).to_be_visible()
    expect(page.get_by_role("link", name=words["thread"])).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_lead_uploads_a_members_only_file_that_members_download(
    page: Page, site: str, language: str, axe_check, tmp_path
) -> None:
    """A wrong file is refused with a clear message and the titles kept; a PDF is pinned for
    members only, shows in the recent activity, and a member downloads it."""
    words = WORDS[language]
    demo.seed(demo=False, options=SeedOptions(), out=lambda line: None)
    community = queries.community_by_slug("procurement")
    lead = UserFactory(preferred_language=language)
    membership = actions.join_community(community=community, person=lead, listed=False)
    actions.appoint_lead(membership=membership, by=None)
    wrong = tmp_path / "notes.exe"
    wrong.write_bytes(b"MZ\x90\x00")
    pdf = tmp_path / "fframwaith.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")

    sign_in_as(page, site, lead)
    page.goto(f"{site}/{language}/communities/procurement/")
    page.get_by_role("link", name=words["pin"]).click()
    axe_check(page)
    page.get_by_label(words["title_en"]).fill("Framework checklist")
    page.get_by_label(words["title_cy"]).fill("Rhestr wirio fframweithiau")
    page.get_by_label(words["file"]).set_input_files(str(wrong))
    page.get_by_role("button", name=words["pin_button"]).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(words["wrong_type"])
    expect(page.get_by_label(words["title_cy"])).to_have_value("Rhestr wirio fframweithiau")
    axe_check(page)
    page.get_by_label(words["file"]).set_input_files(str(pdf))
    page.get_by_label(words["members_only"]).check()
    page.get_by_role("button", name=words["pin_button"]).click()
    expect(page.get_by_text(words["pinned"])).to_be_visible()
    expect(page.get_by_role("heading", name=words["activity"])).to_be_visible()
    expect(page.get_by_text(words["members_tag"], exact=True)).to_be_visible()
    axe_check(page)
    title = "Framework checklist" if language == "en" else "Rhestr wirio fframweithiau"
    with page.expect_download() as download:
        page.locator(".govuk-grid-column-one-third").get_by_role("link", name=title).click()
    assert download.value.suggested_filename == "fframwaith.pdf"
