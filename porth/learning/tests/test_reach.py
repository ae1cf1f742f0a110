"""Reach reports: counts by dimension, the body's own view, suppressed open data, the alpha
record and the downloads."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from porth.accounts.tests.factories import MembershipFactory
from porth.core.permissions import Role
from porth.learning import demo, reach
from porth.learning.models import Booking, BookingStatus

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def trained_people(organisation, count, role="senior_leader"):
    now = timezone.now()
    session = SessionFactory(
        starts_at=now - datetime.timedelta(days=3),
        booking_opens_at=now - datetime.timedelta(days=30),
        booking_closes_at=now - datetime.timedelta(days=4),
        capacity=50,
    )
    for _ in range(count):
        person = MembershipFactory(organisation=organisation).person
        Booking.objects.create(
            session=session,
            person=person,
            organisation=organisation,
            role_category=role,
            status=BookingStatus.CONFIRMED,
            participation_language="en",
        )
    return session


def test_reach_counts_confirmed_places_on_past_sessions_by_role(organisation):
    trained_people(organisation, 6)
    trained_people(organisation, 2, role="elected_member")
    rows = {row.label: row.people for row in reach.reach_by("role_category")}
    assert rows == {"Senior leader": 6, "Elected member": 2}


def test_reach_counts_people_who_came_or_are_not_marked_but_not_those_absent(organisation):
    """The filter is `attended IS NOT FALSE`, written so the trained-bookings index matches."""
    session = trained_people(organisation, 6)
    bookings = list(session.bookings.order_by("id"))
    Booking.objects.filter(pk__in=[b.pk for b in bookings[:2]]).update(attended=False)
    Booking.objects.filter(pk=bookings[2].pk).update(attended=True)
    rows = {row.label: row.people for row in reach.reach_by("role_category")}
    assert rows == {"Senior leader": 4}
    assert reach.summarise(["role_category"]).total == 4


def test_open_data_hides_any_count_under_five(organisation):
    trained_people(organisation, 6)
    trained_people(organisation, 2, role="elected_member")
    rows = {row.label: row.people for row in reach.reach_by("role_category", suppress=True)}
    assert rows == {"Senior leader": 6, "Elected member": None}


def test_the_alpha_report_figures_load_as_a_labelled_record_not_people():
    demo.seed_historical_reach(demo.read_historical_rows())
    demo.seed_historical_reach(demo.read_historical_rows())
    records = reach.historical()
    assert sorted(record.people for record in records) == [44, 84]
    assert all("alpha report" in record.source_en for record in records)
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "cy"])
def test_centre_staff_see_and_download_reach(client, centre_staff, organisation, language):
    trained_people(organisation, 6)
    demo.seed_historical_reach(demo.read_historical_rows())
    client.force_login(centre_staff)
    html = client.get(f"/{language}/learning/reach/").content.decode()
    assert organisation.name_en in html or organisation.name_cy in html
    assert "84" in html
    csv_text = client.get(f"/{language}/learning/reach/download.csv").content.decode()
    assert "Dimension / Dimensiwn" in csv_text and "84" in csv_text
    workbook = load_workbook(
        io.BytesIO(client.get(f"/{language}/learning/reach/download.xlsx").content)
    )
    assert workbook.active["A1"].value == "Dimension / Dimensiwn"
    assert client.get(f"/{language}/learning/reach/download.pdf").status_code == 404


def test_an_organisation_admin_sees_only_their_own_body(client, organisation, other_organisation):
    trained_people(organisation, 6)
    trained_people(other_organisation, 7)
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).person
    client.force_login(admin)
    html = client.get(f"/en/learning/reach/organisations/{organisation.slug}/").content.decode()
    assert "6 people trained through Porth" in html
    assert (
        client.get(f"/en/learning/reach/organisations/{other_organisation.slug}/").status_code
        == 403
    )
    assert client.get("/en/learning/reach/").status_code == 403


def test_the_public_open_data_page_suppresses_small_counts(client, organisation):
    trained_people(organisation, 2)
    html = client.get("/cy/learning/reach/open-data/").content.decode()
    assert "llai na 5" in html


def test_the_report_shows_role_by_organisation_from_one_grouped_query(
    organisation, django_assert_max_num_queries
):
    trained_people(organisation, 6)
    trained_people(organisation, 2, role="elected_member")
    with django_assert_max_num_queries(2):
        summary = reach.summarise(reach.DIMENSIONS)
    assert summary.total == 8
    labels = {title: {row.label: row.people for row in rows} for title, rows in summary.tables}
    assert labels["Role"] == {"Elected member": 2, "Senior leader": 6}
    assert summary.by_role.roles == ["Senior leader", "Elected member"]
    assert summary.by_role.rows == [(organisation.name_en, [6, 2])]


def test_open_data_shows_role_by_type_of_body_with_small_cells_hidden(organisation):
    trained_people(organisation, 6)
    trained_people(organisation, 2, role="elected_member")
    summary = reach.summarise(reach.PUBLIC_DIMENSIONS, suppress=True)
    assert summary.by_role.rows[0][1] == [6, None]
