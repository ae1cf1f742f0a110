import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup

from porth.open_data.actions import create_token, refresh_landscape_figures, take_snapshot
from porth.open_data.models import PersonalToken, RegisterSnapshot
from porth.open_data.queries import active_token

from .factories import make_service

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(
    "path", ["open-data/", "open-data/landscape/", "open-data/snapshots/", "open-data/api/"]
)
def test_public_pages_render_in_both_languages(client, organisation, language, path):
    make_service(organisation)
    take_snapshot()
    refresh_landscape_figures(languages=[language])

    html = page(client.get(f"/{language}/{path}"))

    assert html.html["lang"] == language
    assert html.h1


def test_the_overview_states_the_licence_in_the_readers_language(client):
    english = page(client.get("/en/open-data/"))
    welsh = page(client.get("/cy/open-data/"))

    assert english.find("a", rel="license")["href"].endswith("/open-government-licence/version/3/")
    assert "cymraeg" in welsh.find("a", rel="license")["href"]
    assert welsh.find("a", href="/cy/open-data/services.csv")


def test_every_landscape_chart_is_labelled_and_followed_by_its_table(client, organisation):
    make_service(organisation)
    refresh_landscape_figures(languages=["cy"])
    html = page(client.get("/cy/open-data/landscape/"))

    charts = html.select("svg.porth-chart__svg")
    assert len(charts) >= 5
    for chart in charts:
        assert chart["role"] == "img"
        title = html.find(id=chart["aria-labelledby"].split()[0]).get_text(strip=True)
        assert title
        table = chart.find_next("table")
        assert table.caption.get_text(strip=True) == title
    assert html.find(style=True) is None
    assert html.find("script", src=False) is None


def test_the_api_docs_list_every_endpoint_from_the_schema(client):
    html = page(client.get("/en/open-data/api/"))
    text = html.get_text()

    for endpoint in [
        "GET /api/v1/services/",
        "GET /api/v1/services/{public_id}/",
        "POST /api/v1/services/",
        "PATCH /api/v1/services/{public_id}/",
        "GET /api/v1/metrics/",
        "POST /api/v1/metrics/",
        "GET /api/v1/organisations/",
        "GET /api/v1/service-areas/",
        "GET /api/v1/technology/",
    ]:
        assert endpoint in text, endpoint
    assert html.find("a", rel="license")
    assert html.find("a", href="/api/v1/services/")


def test_the_api_docs_are_in_welsh_under_cy(client):
    html = page(client.get("/cy/open-data/api/"))

    assert "Rhestru gwasanaethau" in html.get_text()


# --- Tokens ---------------------------------------------------------------------------------


def test_the_token_page_asks_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/en/open-data/tokens/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_editor_creates_a_token_and_sees_it_once(client, editor):
    client.force_login(editor)

    created = page(
        client.post(
            "/en/open-data/tokens/",
            {
                "name": "Nightly import",
                "scope": "write",
                "lifetime_days": "365",
                "organisations": [editor.memberships.get().organisation_id],
            },
        )
    )
    secret = created.find("input", id="new-token")["value"]
    later = client.get("/en/open-data/tokens/")

    token = active_token(secret)
    assert token.person == editor
    assert (token.scope, token.expires_at.date() - token.created_at.date()) == (
        "write",
        datetime.timedelta(days=365),
    )
    assert [body.pk for body in token.organisations.all()] == [
        editor.memberships.get().organisation_id
    ]
    assert secret.encode() not in later.content
    assert b"Nightly import" in later.content


def test_a_token_needs_a_name(client, editor):
    client.force_login(editor)

    html = page(client.post("/cy/open-data/tokens/", {"name": ""}))

    assert html.title.get_text().startswith("Gwall:")
    assert html.find(class_="govuk-error-summary")
    assert not PersonalToken.objects.exists()


def test_a_token_must_act_for_at_least_one_organisation(client, editor):
    client.force_login(editor)

    response = client.post(
        "/en/open-data/tokens/", {"name": "Nowhere", "scope": "read", "lifetime_days": "90"}
    )

    assert "Select at least one organisation" in response.text
    assert not PersonalToken.objects.exists()


def test_someone_who_belongs_to_no_body_is_not_offered_a_token(client, person):
    client.force_login(person)

    html = page(client.get("/en/open-data/tokens/"))
    client.post("/en/open-data/tokens/", {"name": "Sneaky", "scope": "read", "lifetime_days": "90"})

    assert html.find("input", attrs={"name": "name"}) is None
    assert not PersonalToken.objects.exists()


def test_an_editor_revokes_their_own_token_but_not_someone_elses(client, editor, outsider):
    mine, my_secret = create_token(person=editor, name="Mine")
    theirs, their_secret = create_token(person=outsider, name="Theirs")
    client.force_login(editor)

    revoked = client.post(f"/en/open-data/tokens/{mine.pk}/revoke/")
    refused = client.post(f"/en/open-data/tokens/{theirs.pk}/revoke/")

    assert revoked.status_code == 302
    assert refused.status_code == 404
    assert active_token(my_secret) is None
    assert active_token(their_secret) is not None
    assert client.get(f"/en/open-data/tokens/{mine.pk}/revoke/").status_code == 405


# --- Snapshots ------------------------------------------------------------------------------


def test_centre_staff_take_a_snapshot_through_the_task_queue(
    client, centre_staff, organisation, django_capture_on_commit_callbacks
):
    make_service(organisation)
    client.force_login(centre_staff)

    listed = page(client.get("/en/open-data/snapshots/"))
    with django_capture_on_commit_callbacks(execute=True):  # queued once the request commits
        response = client.post(
            "/en/open-data/snapshots/take/", {"label_en": "Spring", "label_cy": "Gwanwyn"}
        )

    assert listed.find("button")
    assert response.status_code == 302
    snapshot = RegisterSnapshot.objects.get()
    assert snapshot.taken_by == centre_staff
    assert snapshot.label_cy == "Gwanwyn"
    assert snapshot.service_count == 1


def test_only_centre_staff_see_or_use_the_snapshot_button(client, organisation_admin):
    client.force_login(organisation_admin)

    html = page(client.get("/en/open-data/snapshots/"))
    response = client.post("/en/open-data/snapshots/take/", {})

    assert html.find("form") is None or not html.find(
        "form", action="/en/open-data/snapshots/take/"
    )
    assert response.status_code == 403
    assert not RegisterSnapshot.objects.exists()


def test_a_snapshot_downloads_as_it_was_in_every_format(client, organisation):
    service = make_service(organisation, name_en="=1+1")
    snapshot = take_snapshot()

    as_csv = client.get(f"/en/open-data/snapshots/{snapshot.pk}/snapshot.csv")
    as_json = client.get(f"/en/open-data/snapshots/{snapshot.pk}/snapshot.json")
    as_xlsx = client.get(f"/en/open-data/snapshots/{snapshot.pk}/snapshot.xlsx")

    rows = list(csv.reader(io.StringIO(b"".join(as_csv.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == service.public_id
    assert rows[1][1] == "'=1+1"
    assert json.loads(b"".join(as_json.streaming_content))["rows"][0]["name_en"] == "=1+1"
    assert as_xlsx.status_code == 200
    assert f"snapshot-{snapshot.taken_at:%Y-%m-%d}" in as_csv["Content-Disposition"]


def test_the_changes_page_shows_what_changed_in_both_languages(client, organisation):
    take_snapshot()
    make_service(organisation, name_en="Newcomer", name_cy="Newydd-ddyfodiad")
    snapshot = RegisterSnapshot.objects.get()

    english = page(client.get(f"/en/open-data/snapshots/{snapshot.pk}/changes/"))
    welsh = page(client.get(f"/cy/open-data/snapshots/{snapshot.pk}/changes/"))

    assert "Newcomer" in english.get_text()
    assert "Newydd-ddyfodiad" in welsh.get_text()


def test_an_unknown_snapshot_is_not_found(client):
    assert client.get("/en/open-data/snapshots/999/changes/").status_code == 404
    assert client.get("/en/open-data/snapshots/999/snapshot.csv").status_code == 404
