"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Run them with `.venv/bin/pytest tests/e2e` (or `-m browser` for every browser test). They need
`/usr/bin/chromium` (the Debian package; never `playwright install`) and axe-core from npm
(`npm ci`). Without Chromium they are skipped, visibly, unless PORTH_REQUIRE_BROWSER=1, as CI
sets it, in which case a missing browser is a failure: these tests are our accessibility and
journey checks, so CI must not pass without them.

One browser serves the whole session (launching costs about a second); each test gets a fresh
context, so no cookie or language choice leaks from one test into the next. The live server
flushes the database after every test, so a test that changes data (`site`) loads the
organisations and seeds the Wagtail pages again; tests that only read share one seeded site per
module (`read_only_site`).
"""

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test.utils import modify_settings
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA; axe tags 2.2's A criteria as wcag22aa too.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BROWSER_LOCALES = {"en": "en-GB", "cy": "cy-GB"}


def _browser_missing(reason: str) -> None:
    if os.environ.get("PORTH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} and PORTH_REQUIRE_BROWSER=1 says browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _browser_missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    # Playwright's sync API keeps an event loop in this thread, which makes Django refuse ORM
    # calls from the test body; nothing here is truly concurrent, so the check can be relaxed.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def language() -> str:
    """The language a test reads the site in; tests parametrise it."""
    return "en"


@pytest.fixture
def page(browser: Browser, language: str) -> Iterator[Page]:
    """A fresh browser context whose preferred language matches the test.

    bypass_csp lets axe-core be injected: our policy rightly allows no script we did not serve.
    """
    context = browser.new_context(
        bypass_csp=True, locale=BROWSER_LOCALES[language], viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _seed() -> None:
    """The organisations and the Wagtail pages (with their root, locales and site): the two
    apps' parts of `manage.py seed`, without the standards and register the tests make as needed."""
    from porth.core.seeding import SeedOptions
    from porth.organisations import demo as organisations_demo
    from porth.pages import demo as pages_demo

    for app_demo in (organisations_demo, pages_demo):
        app_demo.seed(demo=False, options=SeedOptions(), out=lambda line: None)


@pytest.fixture
def site(transactional_db, live_server) -> str:
    """A freshly seeded site for a test that changes data; returns the live server's URL.

    pytest-django flushes the database after each live-server test, so each one seeds again.
    """
    _seed()
    return live_server.url


def wait_for_requests(server: LiveServer, seconds: float = 5) -> None:
    """Wait for `server`'s request threads to end before it is stopped.

    The browser has closed its context, but each thread may still be closing its connection,
    which closes the database connections too. On SQLite the test database is one in-memory
    connection that the server shares with its threads only until it stops: a thread that
    ends after that raises (a PytestUnhandledThreadExceptionWarning in a later test)."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if serves_requests_for(thread, server):
            thread.join(max(0.0, deadline - time.monotonic()))


def serves_requests_for(thread: threading.Thread, server: LiveServer) -> bool:
    """Whether `thread` is one of `server`'s request threads, still running."""
    httpd = getattr(server.thread, "httpd", None)
    target = getattr(thread, "_target", None)  # a running thread's; gone once it ends
    return httpd is not None and getattr(target, "__self__", None) is httpd


@pytest.fixture(scope="module")
def read_only_site(request, pytestconfig, django_db_setup, django_db_blocker) -> Iterator[str]:
    """One seeded site and live server shared by a module of tests that only read pages.

    Seeding the Wagtail pages takes seconds; seeding once instead of before every page check
    keeps the browser run short. The module flushes the database when it is done, as
    pytest-django's own live-server tests do, so later tests start from an empty database.

    The module must be marked `django_db`: pytest-django creates the test database only for
    sessions with a test that asks for one, and without it this would seed, then flush, the
    development database.
    """
    if request.node.get_closest_marker("django_db") is None:
        pytest.fail(f"{request.node.name} uses read_only_site: mark it pytest.mark.django_db")
    # The same address as pytest-django's live_server fixture would use.
    address = (
        pytestconfig.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with django_db_blocker.unblock():
        _seed()
        server = LiveServer(address)
        try:
            with modify_settings(ALLOWED_HOSTS={"append": server.thread.host}):
                yield server.url
        finally:
            wait_for_requests(server)
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def mailbox(settings, tmp_path: Path) -> Path:
    """The folder the file email backend writes to, so a journey can read its emails.

    Emails still take the real path (the root conftest keeps our queued EMAIL_BACKEND): queue,
    task, then this backend, as the worker sends them in production.
    """
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `npm ci` to install axe-core")
    return AXE_SOURCE.read_text()


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} WCAG A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n         ")
                lines.append(f"       {summary}")
    return "\n".join(lines)


@pytest.fixture
def axe_check(axe_source: str):
    """Run axe-core on the page as it is now and fail with every violation spelled out."""

    def check(page: Page) -> None:
        # A click that navigates returns before the new document exists; wait for it, so the
        # script is not added to a page that is being replaced.
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(content=axe_source)
        except PlaywrightError:
            page.wait_for_load_state("load")
            page.add_script_tag(content=axe_source)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = results["violations"]
        assert not violations, _format_violations(page.url, violations)

    return check


# Marks the main content's interactive elements and records how each looks unfocused, so that
# each Tab can tell whether focus became visible.
_PREPARE_KEYBOARD_WALK = """
() => {
  const main = document.querySelector("main");
  const props = ["outline-style", "outline-width", "outline-color", "box-shadow",
                 "background-color", "color", "text-decoration-line", "border-color"];
  const looks = (el) => {
    const parts = [];
    const add = (node, pseudo) => {
      const style = getComputedStyle(node, pseudo);
      parts.push(props.map((p) => style.getPropertyValue(p)).join("|"));
    };
    add(el, null);
    // GOV.UK draws a radio's or checkbox's focus ring on its label's pseudo-elements.
    if (el.matches("input[type=radio], input[type=checkbox]") && el.labels && el.labels[0]) {
      add(el.labels[0], "::before");
      add(el.labels[0], "::after");
    }
    return parts.join("||");
  };
  // Native controls count even with tabindex="-1" (that would be a failure to report); other
  // elements count only when they put themselves in the tab order.
  const native = "a[href], area[href], button, input, select, textarea, summary";
  const shown = (el) =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  // What a closed <details> holds is out of the tab order until it is opened; its summary is not.
  const folded = (el) => {
    const details = el.closest("details:not([open])");
    return Boolean(details) && el.closest("summary")?.parentElement !== details;
  };
  const targets = [...main.querySelectorAll(`${native}, [tabindex]`)].filter((el) =>
    (el.matches(native) || el.tabIndex >= 0) && !el.disabled && el.type !== "hidden" &&
    shown(el) && !el.closest("[inert]") && !folded(el)
  );
  document.activeElement && document.activeElement.blur();
  window.__porthE2E = { main, looks, before: targets.map(looks) };
  return targets.map((el, index) => {
    el.dataset.e2eIndex = String(index);
    return {
      index,
      // Only one radio of a group is in the tab order; arrow keys move within it.
      group: el.matches("input[type=radio]") ? `radio:${el.name}` : `element:${index}`,
      description: el.outerHTML.slice(0, 160),
    };
  });
}
"""

_FOCUSED = """
() => {
  const { main, looks, before } = window.__porthE2E;
  const el = document.activeElement;
  const index = el && el.dataset && el.dataset.e2eIndex !== undefined
    ? Number(el.dataset.e2eIndex) : null;
  const rect = el ? el.getBoundingClientRect() : null;
  return {
    index,
    isMain: el === main,
    inMain: main.contains(el) && el !== main,
    afterMain: !main.contains(el) &&
      Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    isSkipLink: Boolean(el && el.classList.contains("govuk-skip-link")),
    hasSize: Boolean(rect && rect.width > 1 && rect.height > 1),
    looksFocused: index === null ? null : looks(el) !== before[index],
    description: el ? el.outerHTML.slice(0, 160) : "nothing",
  };
}
"""


def _check_keyboard(page: Page) -> None:
    problems: list[str] = []
    targets = page.evaluate(_PREPARE_KEYBOARD_WALK)

    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUSED)
    if not first["isSkipLink"]:
        problems.append(f"the first Tab focused {first['description']}, not the skip link")
    elif not first["hasSize"]:
        problems.append("the skip link stayed invisible when focused")
    else:
        page.keyboard.press("Enter")
        after_skip = page.evaluate(_FOCUSED)
        if not after_skip["isMain"]:
            problems.append(
                f"Enter on the skip link focused {after_skip['description']}, not <main>"
            )

    reached: set[int] = set()
    # Each target once, plus slack for focusable things that are not targets (none expected).
    for _ in range(len(targets) + 10):
        if len(reached) == len(targets):
            break
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused["afterMain"] or focused["isSkipLink"]:
            break
        if focused["index"] is None:
            continue
        reached.add(focused["index"])
        if not focused["looksFocused"]:
            problems.append(f"focus is not visible on {focused['description']}")

    reached_groups = {targets[index]["group"] for index in reached}
    for target in targets:
        if target["group"] not in reached_groups:
            problems.append(f"Tab never reached {target['description']}")
            reached_groups.add(target["group"])

    assert not problems, f"Keyboard problems on {page.url}:\n- " + "\n- ".join(problems)


@pytest.fixture
def keyboard_check():
    """Walk the page with Tab alone: skip link first, into <main>, every control, focus seen.

    Call it on a freshly loaded page: it relies on the first Tab landing on the skip link.
    """
    return _check_keyboard
