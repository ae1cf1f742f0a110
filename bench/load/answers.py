"""What a browser would post from one of Porth's question pages, for the load test's editors.

Kept apart from the locustfile, which needs locust, so the tests can import it
(porth/core/tests/test_load_test_tools.py).
"""

import html
import re

INPUT = re.compile(r"<input\b([^>]*)>")
TEXTAREA = re.compile(r'<textarea\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def form_fields(page: str) -> list[tuple[str, str]]:
    """What a browser would post from a question page as it stands: its text inputs, the
    boxes ticked and its text areas (the CSRF token included)."""
    fields = []
    for tag in INPUT.findall(page):
        attributes = {name: html.unescape(value or "") for name, value in ATTRIBUTE.findall(tag)}
        if "name" not in attributes:
            continue
        if attributes.get("type") in {"checkbox", "radio"} and "checked" not in attributes:
            continue
        fields.append((attributes["name"], attributes.get("value", "")))
    for name, text in TEXTAREA.findall(page):
        fields.append((name, html.unescape(text.removeprefix("\n"))))
    return fields
