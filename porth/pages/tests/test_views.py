import re

import pytest
from wagtail.users.models import UserProfile

from porth.accounts.tests.factories import UserFactory
from porth.pages.models import ContentPage

SLUGS = ["about", "accessibility", "privacy", "cookies", "welsh-language", "contact"]
FOOTER_LINK = re.compile(r'<a class="govuk-footer__link" href="(/[^"]*)"')


def language_switch(html: str) -> str:
    return re.search(r'class="govuk-language-navigation__link" href="([^"]+)"', html).group(1)


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("slug", ["", *SLUGS])
def test_every_seeded_page_is_served_in_both_languages(client, seeded_site, language, slug):
    path = f"/{language}/{slug}/" if slug else f"/{language}/"

    response = client.get(path)

    assert response.status_code == 200, path
    assert f'<html lang="{language}"' in response.text


def test_welsh_pages_are_in_welsh(client, seeded_site):
    response = client.get("/cy/privacy/")

    assert "<title>Hysbysiad preifatrwydd – Porth</title>" in response.text
    assert '<h1 class="govuk-heading-xl">Hysbysiad preifatrwydd</h1>' in response.text
    assert 'href="https://cy.ico.org.uk/"' in response.text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_footer_link_leads_to_a_page(client, seeded_site, language):
    home = client.get(f"/{language}/")
    links = FOOTER_LINK.findall(home.text)

    assert len(links) == 6  # the five pages, and the success measures
    for link in links:
        assert link.startswith(f"/{language}/")
        assert client.get(link).status_code == 200, link


def test_the_language_switch_on_a_page_goes_to_the_same_page_in_the_other_language(
    client, seeded_site
):
    assert language_switch(client.get("/en/privacy/").text) == "/cy/privacy/"
    assert language_switch(client.get("/cy/privacy/").text) == "/en/privacy/"
    assert language_switch(client.get("/en/").text) == "/cy/"


def test_links_between_pages_lead_to_the_page_in_the_same_language(client, seeded_site):
    response = client.get("/cy/about/")

    assert 'href="/cy/contact/">cysylltwch â ni</a>' in response.text


def test_content_pages_have_breadcrumbs_and_a_last_updated_date(client, seeded_site):
    response = client.get("/cy/cookies/")

    assert '<a class="govuk-breadcrumbs__link" href="/cy/">Hafan</a>' in response.text
    assert "Diweddarwyd ddiwethaf: " in response.text


def test_the_cookies_page_lists_every_cookie_in_a_govuk_table(client, seeded_site):
    response = client.get("/en/cookies/")

    assert '<table class="govuk-table">' in response.text
    for name in ["sessionid", "csrftoken", "porth_language", "messages"]:
        assert f'<th scope="row" class="govuk-table__header">{name}</th>' in response.text


def test_the_home_page_offers_organisations_and_sign_in(client, seeded_site):
    response = client.get("/cy/")

    assert 'href="/cy/organisations/">Sefydliadau</a>' in response.text
    assert 'href="/cy/accounts/login/">Mewngofnodi</a>' in response.text


def test_the_home_page_offers_a_signed_in_person_their_account(client, seeded_site, person):
    client.force_login(person)

    response = client.get("/en/")

    assert 'href="/en/account/">Your account</a>' in response.text


@pytest.mark.django_db
def test_the_cms_sign_in_goes_through_our_sign_in_with_two_factor(client):
    response = client.get("/cms/login/?next=/cms/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/cms/"


@pytest.mark.django_db
def test_the_cms_speaks_welsh_to_an_editor_who_chose_welsh(client):
    editor = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "cy"
    profile.save()
    client.force_login(editor)

    response = client.get("/cms/")

    assert response.status_code == 200
    assert 'lang="cy"' in response.text


def test_editors_can_open_both_languages_of_a_page_in_the_cms(client, seeded_site):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)

    for page in ContentPage.objects.filter(slug="cookies"):
        response = client.get(f"/cms/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.locale
