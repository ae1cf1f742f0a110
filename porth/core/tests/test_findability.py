"""Search engines and other sites can find Porth and follow it (issue 12, item 12; ADR 0049)."""

import datetime
import json
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from porth.core.sitemaps import sitemaps
from porth.register.models import Channel, ServiceChannel
from porth.register.tests.factories import ServiceFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def urls_in(client, section: str) -> dict[str, dict[str, str]]:
    """Each address in a sitemap section, with its alternates by hreflang."""
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_index_lists_every_apps_section(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-services.xml" in locations
    assert "http://testserver/sitemap-pages.xml" in locations
    assert set(sitemaps()) >= {"organisations", "register", "services", "standards", "pages"}


def test_every_service_is_in_the_sitemap_in_both_languages_with_alternates(client):
    service = ServiceFactory()
    retired = ServiceFactory(is_retired=True, retired_on=datetime.date(2026, 1, 5))

    urls = urls_in(client, "services")

    path = f"register/services/{service.public_id}/"
    alternates = {
        "cy": f"http://testserver/cy/{path}",
        "en": f"http://testserver/en/{path}",
        "x-default": f"http://testserver/{path}",
    }
    assert urls[f"http://testserver/cy/{path}"] == alternates
    assert urls[f"http://testserver/en/{path}"] == alternates
    assert not any(retired.public_id in url for url in urls)


def test_wagtail_pages_are_in_the_sitemap_under_each_languages_own_address(client, seeded_site):
    urls = urls_in(client, "pages")

    assert urls["http://testserver/cy/"]["en"] == "http://testserver/en/"
    assert urls["http://testserver/en/about/"]["cy"].startswith("http://testserver/cy/")


def test_robots_txt_keeps_crawlers_out_of_private_pages_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /cms/" in text
    assert "Disallow: /*/account/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_search_results_may_be_crawled_and_name_the_unsearched_list_as_canonical(client):
    robots = client.get("/robots.txt").content.decode()
    page = client.get("/en/register/?q=council+tax").content.decode()

    assert "q=" not in robots
    assert '<link rel="canonical" href="http://testserver/en/register/">' in page


def test_security_txt_says_whom_to_tell_and_when_it_expires(client, settings):
    settings.PORTH_CONTACT_EMAIL = "security@example.gov.wales"

    text = client.get("/.well-known/security.txt").content.decode()

    assert "Contact: mailto:security@example.gov.wales" in text
    assert "Expires: " in text
    assert "Preferred-Languages: cy, en" in text


def test_the_favicon_is_porths_own(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("core/images/favicon.ico")


def test_a_page_has_a_canonical_address_a_description_and_open_graph_in_its_language(client):
    html = soup(client.get("/cy/organisations/?page=2"))

    assert html.select_one('link[rel="canonical"]')["href"] == (
        "http://testserver/cy/organisations/?page=2"
    )
    description = html.select_one('meta[name="description"]')["content"]
    assert description.startswith("Porth: cofrestr gwasanaethau cyhoeddus digidol Cymru")
    assert html.select_one('meta[property="og:description"]')["content"] == description
    assert html.select_one('meta[property="og:locale"]')["content"] == "cy_GB"
    assert html.select_one('meta[property="og:title"]')["content"] == "Sefydliadau"
    assert html.title.get_text() == "Sefydliadau – Porth"


def test_the_home_page_is_not_titled_porth_twice(client, seeded_site):
    html = soup(client.get("/en/"))

    assert html.title.get_text() == "Porth"


def test_services_of_the_same_name_have_different_page_titles(client):
    first = ServiceFactory(name_en="Apply for a school place")
    second = ServiceFactory(name_en="Apply for a school place")

    titles = {
        soup(client.get(f"/en/register/services/{service.public_id}/")).title.get_text()
        for service in (first, second)
    }

    assert len(titles) == 2


def test_a_service_page_describes_the_service_as_a_government_service(client):
    service = ServiceFactory(url_en="https://example.gov.wales/apply")
    ServiceChannel.objects.create(
        service=service, channel=Channel.ONLINE, is_available_in_welsh=True
    )
    ServiceChannel.objects.create(service=service, channel=Channel.PHONE)

    html = soup(client.get(f"/en/register/services/{service.public_id}/"))

    data = json.loads(html.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == service.name_en
    assert data["provider"]["name"] == service.organisation.name_en
    channels = {channel["name"]: channel for channel in data["availableChannel"]}
    online, phone = channels["Online"], channels["Phone"]
    assert online["serviceUrl"] == "https://example.gov.wales/apply"
    assert [language["alternateName"] for language in online["availableLanguage"]] == ["cy", "en"]
    assert [language["alternateName"] for language in phone["availableLanguage"]] == ["en"]


def test_structured_data_cannot_end_its_script(client):
    service = ServiceFactory(name_en="</script><script>alert(1)</script>")

    response = client.get(f"/en/register/services/{service.public_id}/")

    assert b"</script><script>alert" not in response.content


def test_every_address_in_every_sitemap_section_opens_for_an_anonymous_visitor(client, settings):
    """Each app's sitemap lists only what a visitor may open, in both languages: no sign-in
    page, no 404. The demo data gives every section something to list."""
    settings.DEBUG = True  # the demo's accounts are refused on a site that may be real
    call_command("seed", demo=True, services=20, months=2, stdout=StringIO())
    settings.DEBUG = False
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text.removeprefix("http://testserver") for loc in index.iter(f"{SITEMAP}loc")]
    assert {
        f"/sitemap-{name}.xml"
        for name in ("learning", "communities", "engagements", "panels", "measures", "skills")
    } <= set(sections)
    opened = {"cy": 0, "en": 0}
    for section in sections:
        root = ET.fromstring(client.get(section).content)
        for loc in root.iter(f"{SITEMAP}loc"):
            path = loc.text.removeprefix("http://testserver")
            response = client.get(path)
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            opened[path[1:3]] += 1
    assert opened["cy"] > 50 and opened["en"] > 50
