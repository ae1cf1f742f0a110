import re

import pytest

from porth.standards.models import ManualFeedback, StandardGuidancePage
from porth.standards.views import FEEDBACK_LIMIT

FEEDBACK_URL = "/en/standards/feedback/"


@pytest.fixture
def guidance_page(manual):
    return StandardGuidancePage.objects.get(locale__language_code="en", standard_number=3)


def test_a_visitor_without_an_account_can_say_a_page_was_useful(client, guidance_page):
    response = client.post(
        FEEDBACK_URL,
        {
            "page": guidance_page.pk,
            "path": "/en/standards/3/",
            "useful": "no",
            "comment": "More examples",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/en/standards/3/"
    assert "Thank you for your feedback" in response.text
    feedback = ManualFeedback.objects.get()
    assert (feedback.page_id, feedback.is_useful, feedback.comment) == (
        guidance_page.pk,
        False,
        "More examples",
    )
    assert feedback.language == "en"


def test_an_answer_with_the_honeypot_filled_in_is_thanked_but_not_kept(client, manual):
    response = client.post(
        FEEDBACK_URL,
        {"path": "/en/manual/", "useful": "yes", "website": "http://spam.example"},
        follow=True,
    )
    assert "Thank you for your feedback" in response.text
    assert not ManualFeedback.objects.exists()


def test_one_session_can_send_only_a_few_answers_in_a_short_time(client, manual):
    for _ in range(FEEDBACK_LIMIT + 2):
        client.post(FEEDBACK_URL, {"path": "/en/manual/", "useful": "yes"})
    assert ManualFeedback.objects.count() == FEEDBACK_LIMIT


def test_finding_13_fifteen_cookieless_answers_from_one_address_store_only_the_first_few(
    client, manual
):
    statuses = []
    for number in range(15):
        client.cookies.clear()  # a robot that never keeps the session cookie
        response = client.post(
            FEEDBACK_URL,
            {"path": "/en/manual/", "useful": "no", "comment": f"Spam {number}"},
            REMOTE_ADDR="203.0.113.7",
        )
        statuses.append(response.status_code)

    assert ManualFeedback.objects.count() == FEEDBACK_LIMIT
    assert statuses == [302] * FEEDBACK_LIMIT + [429] * (15 - FEEDBACK_LIMIT)


def test_finding_13_another_address_is_not_affected(client, manual):
    for _ in range(FEEDBACK_LIMIT + 3):
        client.cookies.clear()
        client.post(
            FEEDBACK_URL, {"path": "/en/manual/", "useful": "yes"}, REMOTE_ADDR="203.0.113.7"
        )
    client.cookies.clear()

    response = client.post(
        FEEDBACK_URL, {"path": "/en/manual/", "useful": "yes"}, REMOTE_ADDR="198.51.100.20"
    )

    assert response.status_code == 302
    assert ManualFeedback.objects.count() == FEEDBACK_LIMIT + 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Try again in 10 minutes"), ("cy", "Rhowch gynnig arall arni ymhen 10 munud")],
)
def test_finding_13_a_refused_answer_says_when_to_try_again_and_keeps_the_comment(
    client, manual, language, words, monkeypatch
):
    monkeypatch.setattr("porth.core.ratelimit._now", lambda: 6000.0)  # a window's start
    for _ in range(FEEDBACK_LIMIT):
        client.post(f"/{language}/standards/feedback/", {"path": "/en/manual/", "useful": "yes"})

    response = client.post(
        f"/{language}/standards/feedback/",
        {"path": f"/{language}/manual/", "useful": "no", "comment": "Needs a worked example"},
    )

    assert response.status_code == 429
    assert words in response.text
    assert "Needs a worked example</textarea>" in response.text
    assert ManualFeedback.objects.count() == FEEDBACK_LIMIT


def test_feedback_without_yes_or_no_is_not_kept(client, manual):
    response = client.post(FEEDBACK_URL, {"path": "/en/manual/"}, follow=True)
    assert response.status_code == 200
    assert not ManualFeedback.objects.exists()


def test_feedback_never_sends_the_visitor_to_another_site(client, manual):
    response = client.post(FEEDBACK_URL, {"path": "//evil.example/", "useful": "yes"})
    assert response["Location"] == "/en/standards/"


def test_feedback_must_be_posted(client, db):
    assert client.get(FEEDBACK_URL).status_code == 405


def test_centre_staff_read_the_feedback(client, centre_staff, manual):
    client.post(FEEDBACK_URL, {"path": "/en/manual/", "useful": "no", "comment": "Too long"})
    client.force_login(centre_staff)
    response = client.get("/en/standards/feedback/responses/")
    assert response.status_code == 200
    assert "Too long" in response.text


@pytest.mark.parametrize("who", ["organisation_admin", "person"])
def test_nobody_else_reads_the_feedback(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/standards/feedback/responses/").status_code == 403


def test_an_anonymous_visitor_is_asked_to_sign_in_to_read_feedback(client, db):
    response = client.get("/cy/standards/feedback/responses/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_manual_links_centre_staff_to_the_feedback(client, centre_staff, manual):
    assert "/en/standards/feedback/responses/" not in client.get("/en/manual/").text
    client.force_login(centre_staff)
    assert "/en/standards/feedback/responses/" in client.get("/en/manual/").text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_feedback_form_on_a_manual_page_posts_with_a_csrf_token(language, manual):
    """Finding: the include used `only`, dropping the token, so every answer met a 403."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/{language}/standards/3/")
    # The token the feedback form carries (each form on a page may carry its own masking).
    form = page.text[page.text.index(f'action="/{language}/standards/feedback/"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        f"/{language}/standards/feedback/",
        {"csrfmiddlewaretoken": str(token), "path": f"/{language}/standards/3/", "useful": "yes"},
    )
    assert response.status_code == 302
    assert ManualFeedback.objects.get().is_useful


@pytest.mark.parametrize(
    ("language", "question"),
    [("en", "What was wrong with this page?"), ("cy", "Beth oedd o’i le ar y dudalen hon?")],
)
def test_no_opens_a_what_was_wrong_form_that_adds_a_comment_without_personal_details(
    client, guidance_page, language, question
):
    path = f"/{language}/standards/3/"
    response = client.post(
        f"/{language}/standards/feedback/", {"page": guidance_page.pk, "path": path, "useful": "no"}
    )
    assert response.status_code == 200
    assert question in response.text
    feedback = ManualFeedback.objects.get()
    assert (feedback.is_useful, feedback.comment, feedback.language) == (False, "", language)

    token = response.context["form"].initial["token"]
    response = client.post(
        f"/{language}/standards/feedback/",
        {
            "token": token,
            "path": path,
            "comment": "No example. Ring 029 2034 5678 or jo@example.com",
        },
    )
    assert response["Location"] == path
    feedback.refresh_from_db()
    assert feedback.comment == "No example. Ring [phone number removed] or [email removed]"


def test_the_what_was_wrong_form_keeps_the_token_and_asks_again_when_empty(client, manual):
    response = client.post(FEEDBACK_URL, {"path": "/en/manual/", "useful": "no"})
    token = response.context["form"].initial["token"]
    response = client.post(FEEDBACK_URL, {"token": token, "path": "/en/manual/", "comment": ""})
    assert response.status_code == 400
    assert "Enter what was wrong with this page" in response.text
    assert f'value="{token}"' in response.text


def test_an_altered_token_adds_nothing(client, manual):
    client.post(FEEDBACK_URL, {"path": "/en/manual/", "useful": "no"})
    response = client.post(
        FEEDBACK_URL, {"token": "1:forged", "path": "/en/manual/", "comment": "Spam"}
    )
    assert response.status_code == 302
    assert ManualFeedback.objects.get().comment == ""


def test_a_what_was_wrong_comment_is_added_only_once(client, manual):
    response = client.post(FEEDBACK_URL, {"path": "/en/manual/", "useful": "no"})
    token = response.context["form"].initial["token"]
    for comment in ["First", "Second"]:
        client.post(FEEDBACK_URL, {"token": token, "path": "/en/manual/", "comment": comment})
    assert ManualFeedback.objects.get().comment == "First"


def test_centre_staff_see_answers_by_page_and_language(client, centre_staff, manual):
    client.post("/en/standards/feedback/", {"path": "/en/manual/", "useful": "yes"})
    client.post("/cy/standards/feedback/", {"path": "/cy/manual/", "useful": "yes"})
    client.force_login(centre_staff)
    response = client.get("/en/standards/feedback/responses/")
    rows = response.context["pages"]
    assert {(row["path"], row["language"]) for row in rows} == {
        ("/en/manual/", "en"),
        ("/cy/manual/", "cy"),
    }
    assert '<td class="govuk-table__cell">Welsh</td>' in response.text
