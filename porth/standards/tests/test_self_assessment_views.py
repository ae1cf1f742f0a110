import pytest
from django.utils.html import escape

from porth.standards.models import Action, Answer, Criterion, SelfAssessment

from .conftest import answer_everything, post_with_token


def answer_form_data(self_assessment, number: int, rating: str = "met") -> dict[str, str]:
    data = {}
    for criterion in Criterion.objects.filter(
        standard__standard_set=self_assessment.standard_set,
        standard__number=number,
        phase=self_assessment.phase,
    ):
        prefix = f"criterion-{criterion.pk}"
        data |= {
            f"{prefix}-rating": rating,
            f"{prefix}-evidence": "Research report, March",
            f"{prefix}-links": "https://example.gov.wales/research",
        }
    return data


@pytest.mark.parametrize(
    ("language", "start", "task_list_heading", "saved"),
    [
        ("en", "Start", "Meeting user needs", "Your answers for standard 3 have been saved"),
        (
            "cy",
            "Dechrau",
            "Bodloni anghenion defnyddwyr",
            "Mae eich atebion ar gyfer safon 3 wedi’u cadw",
        ),
    ],
)
def test_an_editor_works_through_a_self_assessment_without_javascript(
    client, editor, service, criteria, language, start, task_list_heading, saved
):
    client.force_login(editor)
    base = f"/{language}/standards"

    page = client.get(f"{base}/services/{service.public_id}/self-assessments/new/")
    assert escape(start) in page.text
    response = post_with_token(
        client, f"{base}/services/{service.public_id}/self-assessments/new/", {"phase": "alpha"}
    )
    self_assessment = SelfAssessment.objects.get()
    assert response["Location"] == f"{base}/self-assessments/{self_assessment.pk}/"

    tasks = client.get(response["Location"])
    assert escape(task_list_heading) in tasks.text
    assert f'lang="{language}"' in tasks.text

    response = client.post(
        f"{base}/self-assessments/{self_assessment.pk}/standards/3/",
        answer_form_data(self_assessment, 3, "partly_met"),
        follow=True,
    )
    assert escape(saved) in response.text
    assert Answer.objects.filter(rating="partly_met").count() == 3

    response = post_with_token(
        client,
        f"{base}/self-assessments/{self_assessment.pk}/standards/3/actions/new/",
        {
            "description": "Test the form with Welsh speakers",
            "owner": "User researcher",
            "due_day": "31",
            "due_month": "3",
            "due_year": "2027",
        },
    )
    assert response.status_code == 302
    assert Action.objects.get().standard.number == 3

    refused = client.post(f"{base}/self-assessments/{self_assessment.pk}/submit/")
    assert refused.status_code == 200
    assert SelfAssessment.objects.get().is_draft

    answer_everything(self_assessment, s3="partly_met")
    response = client.post(f"{base}/self-assessments/{self_assessment.pk}/submit/")
    assert response["Location"] == f"{base}/self-assessments/{self_assessment.pk}/summary/"
    summary = client.get(response["Location"])
    assert "<svg" in summary.text
    assert "Test the form with Welsh speakers" in summary.text
    assert not SelfAssessment.objects.get().is_draft


def test_an_answer_page_keeps_what_was_typed_and_explains_a_bad_link(
    client, editor, self_assessment
):
    client.force_login(editor)
    data = answer_form_data(self_assessment, 4)
    first_links = next(key for key in data if key.endswith("-links"))
    data[first_links] = "not a link"
    response = client.post(
        f"/en/standards/self-assessments/{self_assessment.pk}/standards/4/", data
    )
    assert response.status_code == 200
    assert "Error: " in response.text
    assert "There is a problem" in response.text
    assert "Enter each link as a full web address" in response.text
    assert "not a link" in response.text
    assert not Answer.objects.exists()


def test_a_due_date_that_is_not_a_real_date_is_refused(client, editor, self_assessment):
    client.force_login(editor)
    response = client.post(
        f"/cy/standards/self-assessments/{self_assessment.pk}/standards/2/actions/new/",
        {
            "description": "Recriwtio siaradwyr Cymraeg",
            "owner": "Ymchwilydd",
            "due_day": "31",
            "due_month": "2",
            "due_year": "2027",
        },
    )
    assert response.status_code == 200
    assert "Gwall: " in response.text
    assert not Action.objects.exists()


def test_the_summary_shows_the_same_numbers_in_a_table_as_in_the_chart(
    client, member, submitted_self_assessment
):
    client.force_login(member)
    response = client.get(f"/en/standards/self-assessments/{submitted_self_assessment.pk}/summary/")
    assert response.status_code == 200
    assert 'role="img"' in response.text
    assert "Answers for each standard" in response.text
    assert response.text.count("<rect") == 12  # one bar per standard, one rating each
    assert response.context["totals"]["not_met"] == 1
    assert "@page" not in response.text  # the print rules live in the stylesheet
    assert "Publish" not in response.text  # members read, editors publish


def test_an_editor_publishes_and_then_anyone_can_read_it(client, editor, submitted_self_assessment):
    client.force_login(editor)
    url = f"/en/standards/self-assessments/{submitted_self_assessment.pk}/"
    client.post(url + "publish/", {"publish": "yes"})
    assert SelfAssessment.objects.get().is_published
    client.logout()
    assert client.get(url + "summary/").status_code == 200
    assert client.get(
        f"/cy/standards/services/{submitted_self_assessment.service.public_id}/self-assessments/"
    ).context["self_assessments"] == [submitted_self_assessment]


def test_an_open_action_can_be_marked_done_from_the_summary(
    client, editor, submitted_self_assessment
):
    action = Action.objects.create(
        self_assessment=submitted_self_assessment,
        standard=submitted_self_assessment.standard_set.standards.get(number=11),
        description="Book a security test",
        owner="Technical lead",
        due_on="2027-01-31",
    )
    client.force_login(editor)
    client.post(
        f"/en/standards/self-assessments/{submitted_self_assessment.pk}/actions/{action.pk}/",
        {"is_done": "yes", "next": "//elsewhere.example/"},
    )
    action.refresh_from_db()
    assert action.is_done


def test_the_list_shows_the_trend_and_the_index_lists_the_persons_services(
    client, editor, submitted_self_assessment, service
):
    client.force_login(editor)
    response = client.get(f"/en/standards/services/{service.public_id}/self-assessments/")
    assert "Trend for each standard" in response.text
    index = client.get("/cy/standards/self-assessments/")
    assert index.status_code == 200
    assert escape(service.name_cy) in index.text
