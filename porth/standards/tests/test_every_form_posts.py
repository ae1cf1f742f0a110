"""Every form on the crawled pages posts without a 403 (issue 12, finding 1).

The "Is this page useful?" include used `only`, which dropped the CSRF token, and every answer
met Django's CSRF page. The test client normally skips CSRF checks; this one enforces them, and
walks from the pages the browser tests visit, submitting each POST form it finds as it is.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

from django.test import Client

START = [
    "/{lang}/",
    "/{lang}/standards/",
    "/{lang}/standards/3/",
    "/{lang}/manual/",
    "/{lang}/accounts/login/",
]
PAGE_LIMIT = 40


class FormsAndLinks(HTMLParser):
    """Collects links and, for each form, its method, action and the fields a browser sends."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href", "").startswith("/"):
            self.links.append(urldefrag(attributes["href"])[0])
        elif tag == "form":
            self._form = {
                "method": attributes.get("method", "get").lower(),
                "action": attributes.get("action", ""),
                "fields": {},
                "buttons": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = attributes.get("name")
            kind = attributes.get("type", "text")
            if not name or kind in ("checkbox", "radio", "file"):
                return
            if kind == "submit":
                self._form["buttons"].append((name, attributes.get("value", "")))
            else:
                self._form["fields"][name] = attributes.get("value", "")
        elif self._form is not None and tag == "button" and attributes.get("name"):
            self._form["buttons"].append((attributes["name"], attributes.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def crawl_and_post(client: Client, language: str) -> tuple[int, list[str]]:
    seen: set[str] = set()
    queue = [path.format(lang=language) for path in START]
    posted, refused = 0, []
    while queue and len(seen) < PAGE_LIMIT:
        path = queue.pop(0)
        if path in seen or not path.startswith(f"/{language}/"):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormsAndLinks()
        parser.feed(response.content.decode())
        queue.extend(link for link in parser.links if link not in seen)
        for form in parser.forms:
            if form["method"] != "post":
                continue
            data = dict(form["fields"])
            if form["buttons"]:
                name, value = form["buttons"][0]
                data[name] = value
            action = form["action"] or path
            answer = client.post(urlparse(action).path, data)
            posted += 1
            if answer.status_code == 403:
                refused.append(f"{path} -> {action}")
    return posted, refused


def test_every_post_form_on_the_crawled_pages_is_accepted_past_csrf(manual):
    for language in ["en", "cy"]:
        client = Client(enforce_csrf_checks=True)
        posted, refused = crawl_and_post(client, language)
        assert posted >= 2, f"the crawl found too few forms in {language}"
        assert refused == []
