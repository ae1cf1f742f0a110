"""Key pages reflow at 320 CSS pixels wide, in both languages: no sideways scrolling (WCAG
1.4.10, issue 12 item 16). Welsh words are longer than English ones, so both are checked.

A failure names the elements that stick out past the right edge.
"""

import datetime
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from porth.standards.actions import load_standard_set, read_standard_rows

from .conftest import BROWSER_LOCALES
from .register_data import ORGANISATION_SLUG, make_register_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTH = 320

PAGES = {
    "home": "/{language}/",
    "organisations": "/{language}/organisations/",
    "an organisation": f"/{{language}}/organisations/{ORGANISATION_SLUG}/",
    "register": "/{language}/register/",
    "register, searched": "/{language}/register/?q=pothole",
    "a service": "/{language}/register/services/{service}/",
    "standards": "/{language}/standards/",
    "a standard": "/{language}/standards/5/",
    "standards statistics": "/{language}/standards/statistics/",
    "review reports": "/{language}/standards/reviews/",
    "open data": "/{language}/open-data/",
    "API documentation": "/{language}/open-data/api/",
    "landscape": "/{language}/open-data/landscape/",
    "data dictionary": "/{language}/open-data/data-dictionary/",
    "privacy notice": "/{language}/privacy/",
    "site search": "/{language}/search/?q=privacy",
    "sign in": "/{language}/accounts/login/",
}

# Elements whose right edge is past the viewport, the outermost first, to say what to fix.
_OVERFLOWING = """
width => [...document.querySelectorAll("body *")]
  .filter(el => el.getBoundingClientRect().right > width + 0.5)
  .filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
  .slice(0, 8)
  .map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`
    + ` (right edge ${Math.round(el.getBoundingClientRect().right)}px):`
    + ` ${(el.textContent || "").trim().slice(0, 60)}`)
"""


# The page's cumulative layout shift so far, leaving out shifts that follow a click.
_LAYOUT_SHIFT = """
() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) total += shift.hadRecentInput ? 0 : shift.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 500);
})
"""


@pytest.fixture(scope="module")
def reflow_site(read_only_site: str, django_db_blocker) -> Iterator[dict]:
    with django_db_blocker.unblock():
        data = make_register_data()
        load_standard_set(
            version="1.0", published_on=datetime.date(2024, 4, 1), rows=read_standard_rows()
        )
    yield {"url": read_only_site, "service": data.service.public_id}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_reflows_at_320_pixels_without_scrolling_sideways(
    browser: Browser, reflow_site: dict, language: str, name: str
) -> None:
    context = browser.new_context(
        locale=BROWSER_LOCALES[language], viewport={"width": WIDTH, "height": 640}
    )
    try:
        page = context.new_page()
        path = PAGES[name].format(language=language, service=reflow_site["service"])
        response = page.goto(reflow_site["url"] + path)
        assert response is not None and response.status == 200, f"{path}: {response.status}"
        page.wait_for_load_state("load")

        scroll_width = page.evaluate("document.documentElement.scrollWidth")

        assert scroll_width <= WIDTH, f"{path} is {scroll_width}px wide at {WIDTH}px: " + "; ".join(
            page.evaluate(_OVERFLOWING, WIDTH)
        )
    finally:
        context.close()


@pytest.mark.parametrize(("language", "menu"), [("en", "Menu"), ("cy", "Dewislen")])
def test_the_collapsed_menu_opens_at_320_pixels_and_nothing_shifts(
    browser: Browser, reflow_site: dict, language: str, menu: str
) -> None:
    context = browser.new_context(
        locale=BROWSER_LOCALES[language], viewport={"width": WIDTH, "height": 640}
    )
    try:
        page = context.new_page()
        page.goto(f"{reflow_site['url']}/{language}/")
        page.wait_for_load_state("load")
        navigation = page.locator("#navigation")
        button = page.get_by_role("button", name=menu)

        assert button.is_visible()
        assert not navigation.is_visible()
        button.click()
        assert navigation.is_visible()
        assert page.evaluate(_LAYOUT_SHIFT) < 0.1
    finally:
        context.close()
