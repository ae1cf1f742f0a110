"""The shared GOV.UK pagination: numbered pages whose links keep the reader's other choices."""

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


def _render(page_number: int, query: str = "", **extra) -> BeautifulSoup:
    request = RequestFactory().get(f"/en/things/?{query}")
    page = Paginator(range(500), 20).get_page(page_number)
    html = render_to_string(
        "components/pagination.html", {"page": page, "request": request, **extra}
    )
    return BeautifulSoup(html, "html.parser")


def test_the_links_keep_the_other_query_parameters_and_replace_the_page():
    html = _render(6, "q=council+tax&area=3&page=6")
    next_link = html.select_one("a[rel=next]")["href"]
    assert "q=council+tax" in next_link and "area=3" in next_link
    assert "page=7" in next_link and "page=6" not in next_link


def test_the_current_page_is_marked_and_far_pages_are_elided():
    html = _render(6)
    current = html.select_one("[aria-current=page]")
    assert current.get_text(strip=True) == "6"
    numbers = [a.get_text(strip=True) for a in html.select(".govuk-pagination__item a")]
    assert numbers == ["1", "5", "6", "7", "25"]
    assert len(html.select(".govuk-pagination__item--ellipses")) == 2


def test_a_single_page_shows_no_pagination():
    request = RequestFactory().get("/en/things/")
    page = Paginator(range(5), 20).get_page(1)
    html = render_to_string("components/pagination.html", {"page": page, "request": request})
    assert "govuk-pagination" not in html


def test_another_parameter_name_can_be_used_for_a_second_list_on_a_page():
    html = _render(2, "page=4", param="problems")
    assert "problems=3" in html.select_one("a[rel=next]")["href"]
    assert "page=4" in html.select_one("a[rel=next]")["href"]


def test_the_labels_are_in_welsh_on_welsh_pages():
    with translation.override("cy"):
        html = _render(6)
    assert html.nav["aria-label"] != "Pagination"
    assert "Next" not in html.get_text()
