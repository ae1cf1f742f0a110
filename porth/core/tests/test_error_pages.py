"""The 403, 404 and 500 pages: GOV.UK wording, in the language of the address."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import DatabaseError
from django.test import RequestFactory
from django.utils import translation

from porth.core import views

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def failing_client(client):
    """A client that gets the 500 page back instead of the exception, as a browser would."""
    client.raise_request_exception = False
    return client


def test_an_unknown_address_under_cy_gets_the_welsh_page_not_found(client):
    response = client.get("/cy/does-not-exist/")

    assert response.status_code == 404
    html = page(response)
    assert html.html["lang"] == "cy"
    assert html.h1.get_text(strip=True) == "Tudalen heb ei darganfod"
    assert html.title.get_text().startswith("Tudalen heb ei darganfod")


def test_an_unknown_address_under_en_gets_the_english_page_not_found(client):
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    html = page(response)
    assert html.html["lang"] == "en"
    assert html.h1.get_text(strip=True) == "Page not found"
    assert html.find("a", string="contact us")["href"] == "/en/contact/"


def test_the_page_not_found_offers_the_same_address_in_the_other_language(client):
    html = page(client.get("/cy/does-not-exist/?q=1"))

    switch = html.select_one("nav.govuk-language-navigation a")
    assert switch["href"] == "/en/does-not-exist/?q=1"


def test_the_page_not_found_does_not_change_the_remembered_language(client):
    response = client.get("/cy/does-not-exist/")

    assert "porth_language" not in response.cookies


@pytest.mark.urls("porth.core.tests.error_urls")
def test_a_refused_person_gets_the_permission_page_in_welsh(client, person):
    client.force_login(person)

    response = client.get("/cy/_test/refuse/")

    assert response.status_code == 403
    html = page(response)
    assert html.html["lang"] == "cy"
    assert html.h1.get_text(strip=True) == "Nid oes gennych ganiatâd i weld y dudalen hon"


@pytest.mark.urls("porth.core.tests.error_urls")
def test_a_refused_person_gets_the_permission_page_in_english(client, person):
    client.force_login(person)

    response = client.get("/en/_test/refuse/")

    assert response.status_code == 403
    assert page(response).h1.get_text(strip=True) == "You do not have permission to view this page"


@pytest.mark.urls("porth.core.tests.error_urls")
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("cy", "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth"),
        ("en", "Sorry, there is a problem with the service"),
    ],
)
def test_a_failing_page_gets_the_service_problem_page_in_its_language(
    failing_client, language, heading
):
    response = failing_client.get(f"/{language}/_test/explode/")

    assert response.status_code == 500
    html = page(response)
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == heading
    assert html.select_one("footer.govuk-footer") is not None


@pytest.mark.urls("porth.core.tests.error_urls")
def test_the_service_problem_page_renders_in_full_when_the_database_is_down(failing_client, person):
    failing_client.force_login(person)

    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load",
        side_effect=DatabaseError("the database has gone away"),
    ) as load:
        response = failing_client.get("/cy/_test/greet/")

    assert load.called, "the session was never read, so this test proves nothing"

    assert response.status_code == 500
    html = page(response)
    assert html.h1.get_text(strip=True) == "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth"
    assert html.select_one("footer.govuk-footer") is not None


def test_the_service_problem_handler_still_answers_when_its_template_fails():
    request = RequestFactory().get("/cy/anything/")

    with (
        translation.override("cy"),
        mock.patch.object(views, "render", side_effect=RuntimeError("template broke")),
    ):
        response = views.server_error(request)

    assert response.status_code == 500
    html = page(response)
    assert html.html["lang"] == "cy"
    assert html.h1.get_text(strip=True) == "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth"
