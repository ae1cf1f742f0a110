import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from porth.register import actions
from porth.register import search as search_module
from porth.register.models import Measure, MetricValue, Phase, Service, ServiceArea
from porth.register.views import register as register_views

from .factories import ServiceFactory, TechnologyProductFactory
from .test_actions import create

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"register:{name}", kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_register_lists_services_in_the_readers_language(client, organisation, language):
    create(organisation)
    response = client.get(url("service_list", language))
    assert response.status_code == 200
    expected = "Report a pothole" if language == "en" else "Adrodd am dwll yn y ffordd"
    assert expected in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()


def test_search_and_filters_stay_in_the_pagination_links(client, organisation):
    for number in range(25):
        ServiceFactory(organisation=organisation, name_en=f"Apply for a permit {number:02d}")
    response = client.get(url("service_list"), {"q": "permit", "phase": "live"})
    page = response.content.decode()
    assert "25 services" in page
    assert "?q=permit&amp;phase=live&amp;page=2" in page


@pytest.mark.parametrize(
    ("language", "said", "hint"),
    [
        ("en", "More than 3 services", "Only the first 3 are listed."),
        ("cy", "Mwy na 3 o wasanaethau", "Dim ond y 3 cyntaf sydd wedi'u rhestru."),
    ],
)
def test_a_search_past_the_count_limit_says_more_match_and_how_to_narrow_it(
    client, organisation, monkeypatch, language, said, hint
):
    monkeypatch.setattr(search_module, "COUNTED_UP_TO", 3)
    monkeypatch.setattr(register_views, "PAGE_SIZE", 2)
    for number in range(5):
        ServiceFactory(organisation=organisation, name_en=f"Apply for a permit {number:02d}")
    first = client.get(url("service_list", language), {"q": "permit"}).content.decode()
    assert said in first and hint not in first
    last = client.get(url("service_list", language), {"q": "permit", "page": 2}).content.decode()
    assert said in last and hint in last


def test_a_filter_value_that_makes_no_sense_is_ignored(client, organisation):
    ServiceFactory(organisation=organisation)
    response = client.get(url("service_list"), {"phase": "nonsense", "sort": "sideways"})
    assert response.status_code == 200
    assert "1 service" in response.content.decode()


def test_the_service_page_shows_the_record_figures_and_similar_services(
    client, organisation, other_organisation
):
    service = create(organisation)
    create(other_organisation, name_en="Report a road defect")
    actions.record_metric_value(
        service=service,
        measure=Measure.objects.get(code="digital-take-up"),
        period_type="month",
        period_start=datetime.date(2024, 1, 1),
        value=Decimal("61.5"),
        recorded_by=None,
    )
    response = client.get(service.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert service.public_id in page
    assert 'role="img"' in page
    assert "61.5%" in page
    assert "January 2024" in page
    assert "Out of date" in page
    assert "Report a road defect" in page
    assert "alys.owen@example.gov.uk" not in page  # owner is private
    assert "History of changes" not in page


def test_members_and_centre_staff_see_the_owner_and_the_history(
    client, organisation, member, centre_staff
):
    service = create(organisation)
    for person in (member, centre_staff):
        client.force_login(person)
        page = client.get(service.get_absolute_url()).content.decode()
        assert "alys.owen@example.gov.uk" in page
        assert "History of changes" in page
        assert "Service added" in page


def test_an_outsider_does_not_see_the_owner_or_history(client, organisation, outsider):
    service = create(organisation)
    client.force_login(outsider)
    page = client.get(service.get_absolute_url()).content.decode()
    assert "alys.owen@example.gov.uk" not in page
    assert "History of changes" not in page


def test_the_service_page_in_welsh(client, organisation):
    service = create(organisation)
    response = client.get(url("service_detail", "cy", public_id=service.public_id))
    page = response.content.decode()
    assert "Adrodd am dwll yn y ffordd" in page
    assert 'lang="cy"' in page


def test_an_unknown_service_is_not_found(client):
    assert client.get(url("service_detail", public_id="PS-999999")).status_code == 404


def test_the_service_list_makes_the_same_number_of_queries_for_5_or_50_services(
    client, organisation, django_assert_num_queries
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(url("service_list")).status_code == 200
        return len(context.captured_queries)

    for _ in range(5):
        create(organisation)
    few = count_queries()
    for _ in range(45):
        create(organisation)
    with django_assert_num_queries(few):
        client.get(url("service_list"), {"sort": "organisation"})


def test_the_service_page_makes_the_same_number_of_queries_however_much_data(
    client, organisation, other_organisation, centre_staff, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(centre_staff)
    service = create(organisation)
    with CaptureQueriesContext(connection) as context:
        client.get(service.get_absolute_url())
    before = len(context.captured_queries)
    for measure in Measure.objects.filter(unit="count")[:5]:
        for month in range(1, 13):
            actions.record_metric_value(
                service=service,
                measure=measure,
                period_type="month",
                period_start=datetime.date(2024, month, 1),
                value=Decimal(month * 10),
                recorded_by=centre_staff,
            )
    for _ in range(5):
        create(other_organisation, partner_organisations=[organisation])
    service.technology.set([TechnologyProductFactory() for _ in range(4)])
    with django_assert_num_queries(before):
        client.get(service.get_absolute_url())


def answer(client, organisation, step, data, language="en"):
    return client.post(
        url("service_create_step", language, slug=organisation.slug, step=step), data
    )


FULL_ANSWERS = [
    (
        "name",
        {
            "name_en": "Apply for a school place",
            "name_cy": "Gwneud cais am le mewn ysgol",
            "description_en": "Apply for a place at a primary or secondary school.",
            "description_cy": "Gwneud cais am le mewn ysgol gynradd neu uwchradd.",
            "url_en": "www.example.gov.uk/school-places",
            "url_cy": "",
        },
    ),
    ("area", {"service_area": "AREA", "users_served": ["public"]}),
    ("partners", {}),
    (
        "phase",
        {
            "phase": "live",
            "phase_from_day": "1",
            "phase_from_month": "9",
            "phase_from_year": "2023",
        },
    ),
    ("channels", {"channels": ["online", "phone"], "channels_in_welsh": ["online"]}),
    ("online", {"steps": ["apply", "decision"], "online_steps": ["apply", "decision"]}),
    (
        "owner",
        {
            "owner_name": "Rhian Lewis",
            "owner_role": "Head of admissions",
            "owner_email": "rhian@example.gov.uk",
            "team_roles": ["design"],
        },
    ),
    (
        "technology",
        {
            "new_product_name": "Admissions Online",
            "new_product_supplier": "Example Ltd",
            "new_product_category": "forms",
            "new_product_hosting": "saas",
        },
    ),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_editor_adds_a_service_through_check_your_answers(
    client, organisation, editor, language
):
    client.force_login(editor)
    area = ServiceArea.objects.get(code="school-admissions")
    for step, data in FULL_ANSWERS:
        data = {k: (area.code if v == "AREA" else v) for k, v in data.items()}
        response = answer(client, organisation, step, data, language)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    check = client.get(url("service_create_check", language, slug=organisation.slug))
    page = check.content.decode()
    assert "Gwneud cais am le mewn ysgol" in page
    assert "Admissions Online" in page
    response = client.post(
        url("service_create_check", language, slug=organisation.slug),
        {"creation_token": check.context["creation_token"]},
    )
    service = Service.objects.get(name_en="Apply for a school place")
    assert response["Location"] == url("service_create_done", language, public_id=service.public_id)
    assert service.organisation == organisation
    assert service.phase == Phase.LIVE
    assert service.url_en == "https://www.example.gov.uk/school-places"
    assert service.welsh_availability == "some"
    assert service.technology.get().name == "Admissions Online"
    assert client.get(response["Location"]).status_code == 200


def test_a_question_page_keeps_what_was_typed_and_explains_the_error(client, organisation, editor):
    client.force_login(editor)
    response = answer(client, organisation, "name", {"name_en": "Pay for parking", "name_cy": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error: " in page
    assert "There is a problem" in page
    assert "Enter the name of the service in Welsh" in page
    assert 'value="Pay for parking"' in page


def test_a_question_page_explains_errors_in_welsh(client, organisation, editor):
    client.force_login(editor)
    response = answer(client, organisation, "name", {"name_en": "Pay for parking"}, "cy")
    page = response.content.decode()
    assert "Mae problem" in page
    assert "Rhowch enw&#x27;r gwasanaeth yn Gymraeg" in page


def test_check_your_answers_lists_unanswered_pages_and_saves_nothing(client, organisation, editor):
    client.force_login(editor)
    answer(client, organisation, "name", FULL_ANSWERS[0][1])
    response = client.post(url("service_create_check", slug=organisation.slug))
    assert response.status_code == 200
    assert "You need to answer these questions" in response.content.decode()
    assert not Service.objects.exists()


def test_a_change_link_returns_to_check_your_answers(client, organisation, editor):
    client.force_login(editor)
    response = client.post(
        url("service_create_step", slug=organisation.slug, step="name") + "?return=check",
        FULL_ANSWERS[0][1],
    )
    assert response["Location"] == url("service_create_check", slug=organisation.slug)


def test_an_editor_changes_a_service_and_a_new_phase_is_recorded(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    check_url = url("service_update", public_id=service.public_id)
    assert "Report a pothole" in client.get(check_url + "?start=1").content.decode()
    response = client.post(
        url("service_update_step", public_id=service.public_id, step="phase"),
        {
            "phase": "public_beta",
            "phase_from_day": "2",
            "phase_from_month": "1",
            "phase_from_year": "2025",
        },
    )
    assert response["Location"] == check_url
    response = client.post(check_url)
    assert response["Location"] == service.get_absolute_url()
    service.refresh_from_db()
    assert service.phase == Phase.PUBLIC_BETA
    assert service.phase_since == datetime.date(2025, 1, 2)


def test_an_editor_retires_a_service_after_confirming(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    retire_url = url("service_retire", public_id=service.public_id)
    assert (
        "You cannot change a service after you retire it" in client.get(retire_url).content.decode()
    )
    today = datetime.date.today()
    client.post(
        retire_url,
        {
            "retired_on_day": today.day,
            "retired_on_month": today.month,
            "retired_on_year": today.year,
        },
    )
    service.refresh_from_db()
    assert service.is_retired
    assert client.get(url("service_update", public_id=service.public_id)).status_code == 302
    assert service.public_id not in client.get(url("service_list")).content.decode()
    listed = client.get(url("service_list"), {"retired": "on"}).content.decode()
    assert service.public_id in listed


def test_an_editor_adds_a_figure(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    measure = Measure.objects.get(code="completion-rate")
    response = client.post(
        url("metric_value_create", public_id=service.public_id),
        {
            "measure": measure.pk,
            "period_type": "quarter",
            "period_month": "4",
            "period_year": "2024",
            "value": "74.2",
            "source": "Form analytics",
        },
    )
    assert response.status_code == 302
    figure = MetricValue.objects.get(service=service)
    assert figure.value == Decimal("74.2")
    assert figure.period_start == datetime.date(2024, 4, 1)


def test_a_percentage_over_100_is_refused_with_a_message(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    response = client.post(
        url("metric_value_create", public_id=service.public_id),
        {
            "measure": Measure.objects.get(code="completion-rate").pk,
            "period_type": "month",
            "period_month": "4",
            "period_year": "2024",
            "value": "140",
        },
    )
    assert response.status_code == 200
    assert "A percentage must be between 0 and 100" in response.content.decode()
    assert not MetricValue.objects.exists()


def test_an_editor_defines_a_measure_of_their_own_with_a_figure(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    client.post(
        url("metric_value_create", public_id=service.public_id),
        {
            "measure": "new",
            "new_measure_name_en": "Potholes repaired within 48 hours",
            "new_measure_name_cy": "Tyllau a atgyweiriwyd o fewn 48 awr",
            "new_measure_unit": "count",
            "period_type": "month",
            "period_month": "3",
            "period_year": "2024",
            "value": "112",
        },
    )
    figure = MetricValue.objects.get(service=service)
    assert figure.measure.organisation == organisation


def test_centre_staff_add_and_withdraw_a_service_area(client, centre_staff):
    client.force_login(centre_staff)
    client.post(
        url("service_area_create"),
        {
            "code": "libraries",
            "name_en": "Libraries",
            "name_cy": "Llyfrgelloedd",
            "is_active": "on",
        },
    )
    area = ServiceArea.objects.get(code="libraries")
    client.post(
        url("service_area_update", pk=area.pk), {"name_en": "Libraries", "name_cy": "Llyfrgelloedd"}
    )
    area.refresh_from_db()
    assert area.is_active is False
    assert "Llyfrgelloedd" in client.get(url("service_area_list")).content.decode()


def test_the_phase_page_has_a_gov_uk_date_input_with_three_named_boxes(
    client, organisation, editor
):
    client.force_login(editor)
    page = client.get(url("service_create_step", slug=organisation.slug, step="phase")).content
    page = page.decode()
    for part in ("day", "month", "year"):
        assert f'name="phase_from_{part}"' in page
    assert 'for="id_phase_from"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_register_list_offers_its_filtered_services_as_downloads(client, language):
    service = ServiceFactory()

    response = client.get(f"/{language}/register/?phase={service.phase}")

    for file_format in ("csv", "xlsx", "json"):
        assert f'href="/{language}/open-data/services.{file_format}?phase={service.phase}"' in (
            response.text
        )


@pytest.mark.postgres_only
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only PostgreSQL counts a search's matches before ranking them",
)
def test_on_postgresql_the_list_counts_the_matches_of_a_search_only_once(client, organisation):
    from django.test.utils import CaptureQueriesContext

    create(organisation)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url("service_list"), {"q": "pothole"})
    counts = [query for query in context.captured_queries if "COUNT(" in query["sql"]]
    assert response.context["page"].paginator.count == 1
    assert len(counts) == 1


def test_an_editors_service_page_reads_their_memberships_once_however_many_checks_it_makes(
    client, organisation, editor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    service = create(organisation)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as context:
        page = client.get(service.get_absolute_url())
    assert page.status_code == 200
    assert "History of changes" in page.content.decode()  # a check that needs their role
    reads = [
        query["sql"]
        for query in context.captured_queries
        if query["sql"].startswith('SELECT "accounts_membership"')
    ]
    assert len(reads) == 1, reads
