import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.skills import actions
from porth.skills.models import CapabilityAssessment, OrganisationRequest, SkillsAssessment

from .factories import OrganisationRequestFactory, SkillsAssessmentFactory
from .helpers import finished_assessment

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"skills:{name}", kwargs=kwargs)


def test_anyone_can_read_about_the_self_assessment_and_the_framework(client):
    assert "Sign in to start" in client.get(url("skills_index")).content.decode()
    page = client.get(url("framework_detail", "cy")).content.decode()
    assert "Gweithio ystwyth" in page and "Tîm digidol" in page


def test_a_person_starts_saves_and_comes_back_to_their_answers(client, person):
    client.force_login(person)
    response = client.post(url("assessment_start"), {"context": "social-care"})
    assessment = SkillsAssessment.objects.get(person=person)
    assert response["Location"] == url("assessment_update", pk=assessment.pk)
    response = client.post(
        url("assessment_update", pk=assessment.pk), {"user-focus": "3", "save": "yes"}
    )
    assert response["Location"] == url("skills_index")
    page = client.get(url("assessment_update", pk=assessment.pk)).content.decode()
    assert 'value="3" checked' in page


def test_finishing_with_skills_unrated_gives_a_bilingual_error_and_keeps_the_answers(
    client, person
):
    client.force_login(person)
    assessment = SkillsAssessmentFactory(person=person)
    for language, message in (
        ("en", "Select your level for Data management"),
        ("cy", "Dewiswch eich lefel ar gyfer Rheoli data"),
    ):
        response = client.post(
            url("assessment_update", language, pk=assessment.pk),
            {"user-focus": "3", "finish": "yes"},
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert message in page
        assert 'value="3" checked' in page
    assessment.refresh_from_db()
    assert not assessment.is_complete and assessment.ratings.count() == 0


def test_a_nonsense_level_is_an_error_not_a_crash(client, person):
    client.force_login(person)
    assessment = SkillsAssessmentFactory(person=person)
    response = client.post(url("assessment_update", pk=assessment.pk), {"user-focus": "banana"})
    assert response.status_code == 200
    assert "Select your level for User focus" in response.content.decode()


def test_the_result_links_each_gap_to_courses_when_the_catalogue_exists(
    client, person, with_learning
):
    client.force_login(person)
    assessment = finished_assessment(person, level=1)
    page = client.get(url("assessment_result", pk=assessment.pk)).content.decode()
    assert "/en/learning/?skill=information-security" in page
    assert "Find courses on Information security" in page


def test_the_result_shows_no_course_links_without_the_catalogue(client, person, without_learning):
    client.force_login(person)
    assessment = finished_assessment(person, level=1)
    page = client.get(url("assessment_result", pk=assessment.pk)).content.decode()
    assert "Your gaps" in page and "Find courses" not in page


def test_a_person_never_sees_another_persons_skills_answers(client, person, member, centre_staff):
    assessment = finished_assessment(person, level=2)
    unfinished = SkillsAssessmentFactory(person=person, context="health")
    actions.save_skill_ratings(
        assessment=unfinished, ratings={"user-focus": 4}, person=person, finish=False
    )
    for someone in (member, centre_staff):
        client.force_login(someone)
        for name, pk in (
            ("assessment_result", assessment.pk),
            ("assessment_update", unfinished.pk),
            ("assessment_delete", assessment.pk),
        ):
            assert client.get(url(name, pk=pk)).status_code == 403
        assert client.post(url("assessment_delete", pk=assessment.pk)).status_code == 403
        assert (
            client.post(
                url("assessment_update", pk=unfinished.pk), {"user-focus": "0", "save": "yes"}
            ).status_code
            == 403
        )
        rows = list(
            csv.reader(io.StringIO(client.get(url("assessment_download")).content.decode()))
        )
        assert len(rows) == 1, "only the header: none of the other person's answers"
        index = client.get(url("skills_index")).content.decode()
        assert url("assessment_result", pk=assessment.pk) not in index
    assert SkillsAssessment.objects.filter(person=person).count() == 2


def test_a_person_downloads_their_own_answers_with_headers_in_their_language(client, person):
    client.force_login(person)
    finished_assessment(person, level=2)
    response = client.get(url("assessment_download", "cy"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Dechreuwyd", "Gorffennwyd", "Cyd-destun"]
    assert len(rows) == 1 + 7
    assert rows[1][2] == "Gofal cymdeithasol" and rows[1][5] == "Gweithio"


def test_a_person_deletes_their_assessment(client, person):
    client.force_login(person)
    assessment = finished_assessment(person)
    response = client.post(url("assessment_delete", pk=assessment.pk))
    assert response["Location"] == url("skills_index")
    assert not SkillsAssessment.objects.filter(pk=assessment.pk).exists()


def test_a_person_with_an_unfinished_assessment_is_sent_back_to_it(client, person):
    client.force_login(person)
    assessment = SkillsAssessmentFactory(person=person)
    page = client.get(url("assessment_start")).content.decode()
    assert "You have a self-assessment in progress" in page
    response = client.post(url("assessment_start"), {"context": "health"})
    assert response.status_code == 200
    assert SkillsAssessment.objects.filter(person=person).get() == assessment


def test_choosing_no_context_is_a_bilingual_error(client, person):
    client.force_login(person)
    page = client.post(url("assessment_start", "cy"), {}).content.decode()
    assert "Dewiswch yr opsiwn sy&#x27;n disgrifio eich gwaith orau" in page, page[
        page.find("govuk-error-summary") :
    ][:800]


def test_an_organisation_admin_sees_the_aggregate_only_from_five_people(
    client, organisation, organisation_admin
):
    client.force_login(organisation_admin)
    for _ in range(4):
        finished_assessment(MembershipFactory(organisation=organisation).person, context="health")
    page = client.get(url("organisation_aggregate", slug=organisation.slug)).content.decode()
    assert "Fewer than 5 people have taken part" in page
    finished_assessment(MembershipFactory(organisation=organisation).person, context="health")
    page = client.get(url("organisation_aggregate", slug=organisation.slug)).content.decode()
    assert "5 people took part" in page and "Information security" in page


def test_a_member_who_is_not_an_admin_cannot_see_the_aggregate(client, organisation, member):
    client.force_login(member)
    assert client.get(url("organisation_aggregate", slug=organisation.slug)).status_code == 403


def test_centre_staff_see_sector_aggregates(client, centre_staff, organisation):
    for _ in range(5):
        finished_assessment(MembershipFactory(organisation=organisation).person, context="health")
    client.force_login(centre_staff)
    page = client.get(url("sector_aggregate")).content.decode()
    assert "Principal council" in page and "5 people took part" in page


def test_a_person_names_an_organisation_not_in_the_list(client, person):
    client.force_login(person)
    response = client.post(url("organisation_request_create"), {"name": "", "website": "nonsense"})
    page = response.content.decode()
    assert "Enter the name of your organisation" in page
    assert 'value="nonsense"' in page
    response = client.post(
        url("organisation_request_create"), {"name": "Example Trust", "website": ""}
    )
    assert response.status_code == 302
    assert OrganisationRequest.objects.get().name == "Example Trust"


def test_centre_staff_add_a_named_organisation_from_the_review_page(client, centre_staff):
    request = OrganisationRequestFactory(name="Example Trust")
    client.force_login(centre_staff)
    assert "Example Trust" in client.get(url("organisation_request_list")).content.decode()
    response = client.post(
        url("organisation_request_review", pk=request.pk),
        {"name_en": "Example Trust", "name_cy": "", "type": "", "website": ""},
    )
    page = response.content.decode()
    assert "Enter the name in Welsh" in page and "Select the type of organisation" in page
    response = client.post(
        url("organisation_request_review", pk=request.pk),
        {
            "name_en": "Example Trust",
            "name_cy": "Ymddiriedolaeth Enghreifftiol",
            "type": "third_sector",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.organisation.type == "third_sector"


def test_centre_staff_decline_a_named_organisation(client, centre_staff):
    request = OrganisationRequestFactory()
    client.force_login(centre_staff)
    client.post(url("organisation_request_review", pk=request.pk), {"decline": "yes"})
    request.refresh_from_db()
    assert request.status == "declined" and request.organisation is None


def test_an_organisation_admin_fills_in_the_capability_self_assessment_and_sees_it_on_the_page(
    client, organisation, organisation_admin, with_learning
):
    client.force_login(organisation_admin)
    codes = [
        "leadership",
        "skills",
        "user-centred-practice",
        "data",
        "technology",
        "welsh-language-service-design",
    ]
    data = {f"{code}-level": "3" for code in codes} | {f"{code}-evidence": "Plan" for code in codes}
    data["data-level"] = "1"
    data["data-evidence"] = ""
    response = client.post(url("capability_update", slug=organisation.slug), data)
    page = response.content.decode()
    assert "Enter the evidence for the level of Data" in page
    assert not CapabilityAssessment.objects.exists()
    data["data-evidence"] = "No data owner yet"
    response = client.post(url("capability_update", slug=organisation.slug), data)
    assert response.status_code == 302
    with translation.override("en"):
        detail = reverse("organisations:organisation_detail", kwargs={"slug": organisation.slug})
    page = client.get(detail).content.decode()
    assert "Digital capability" in page and "No data owner yet" in page
    assert "/en/learning/?skill=data-management" in page
    assert str(timezone.localdate().year) in page


def test_the_capability_section_is_hidden_from_people_outside_the_body(
    client, organisation, outsider
):
    client.force_login(outsider)
    detail = reverse("organisations:organisation_detail", kwargs={"slug": organisation.slug})
    assert "Digital capability" not in client.get(detail).content.decode()


def test_an_editor_cannot_fill_in_the_capability_self_assessment(client, organisation):
    editor = MembershipFactory(organisation=organisation, role=Role.EDITOR).person
    client.force_login(editor)
    assert client.get(url("capability_update", slug=organisation.slug)).status_code == 403
