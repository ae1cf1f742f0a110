"""Sentry is started by the production settings only when SENTRY_DSN is set, and what it sends
carries no request body, cookie, email address or name (porth/core/error_reports.py)."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from porth.core.error_reports import scrub_event, sentry_options

# Starts the production settings, then, if Sentry is on, sends one error through the real
# client with a transport that keeps the envelopes instead of sending them.
# Imports the production settings once without SENTRY_DSN and once with it (no need to set up
# Django for that, which takes seconds on a busy machine), then sends one error through the
# real client with a transport that keeps the envelopes instead of sending them.
PROBE = """
import importlib
import json
import os
import sys

import sentry_sdk
from sentry_sdk.transport import Transport

dsn = os.environ.pop("SENTRY_DSN")
without = importlib.import_module("config.settings.production")
report = {
    "without": {"enabled": without.SENTRY_ENABLED, "active": sentry_sdk.get_client().is_active()}
}
os.environ["SENTRY_DSN"] = dsn
with_dsn = importlib.reload(without)
client = sentry_sdk.get_client()
report["enabled"] = with_dsn.SENTRY_ENABLED
report["active"] = client.is_active()
sent = []


class Keep(Transport):
    def capture_envelope(self, envelope):
        sent.append(envelope.serialize().decode())


client.transport = Keep(client.options)
options = client.options
report.update(
    release=options["release"],
    environment=options["environment"],
    send_default_pii=options["send_default_pii"],
    include_local_variables=options["include_local_variables"],
    before_send=f"{options['before_send'].__module__}.{options['before_send'].__name__}",
)
sentry_sdk.get_isolation_scope().set_user(
    {"id": 42, "email": "megan.jones@example.cymru", "username": "Megan Jones"}
)
try:
    secret_name = "Megan Jones"
    raise ValueError("No account for megan.jones@example.cymru")
except ValueError:
    sentry_sdk.capture_exception()
sentry_sdk.flush()
report["sent"] = sent
print(json.dumps(report))
"""


def production_settings_report() -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SENTRY_") and key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        PORTH_LOCAL_STACK="1",
        SENTRY_DSN="https://public@sentry.example.invalid/1",
        SENTRY_RELEASE="porth@2026.12.5",
        SENTRY_ENVIRONMENT="staging",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_start_sentry_only_with_a_dsn_and_strip_personal_details():
    report = production_settings_report()
    assert report["without"] == {"enabled": False, "active": False}
    assert report["enabled"] is True
    assert report["active"] is True
    assert report["release"] == "porth@2026.12.5"
    assert report["environment"] == "staging"
    assert report["send_default_pii"] is False
    assert report["include_local_variables"] is False
    assert report["before_send"] == "porth.core.error_reports.scrub_event"
    sent = "".join(report["sent"])
    assert "No account for [email removed]" in sent
    assert "megan.jones" not in sent
    assert "Megan Jones" not in sent
    assert '"id":42' in sent.replace(" ", "")


def test_sentry_options_are_none_without_a_dsn_and_never_send_personal_details():
    assert sentry_options({}) is None
    assert sentry_options({"SENTRY_DSN": "  "}) is None
    options = sentry_options({"SENTRY_DSN": "https://public@sentry.example.invalid/1"})
    assert options["send_default_pii"] is False
    assert options["max_request_body_size"] == "never"
    assert options["environment"] == "production"
    assert options["release"] is None
    assert options["before_send"] is scrub_event


def test_scrub_event_strips_bodies_cookies_queries_headers_and_personal_details():
    event = {
        "message": "Sent to rhys@example.cymru",
        "logentry": {"message": "Call 029 2034 5678 for %s", "params": ["Rhys Evans"]},
        "user": {
            "id": 7,
            "email": "rhys@example.cymru",
            "username": "rhys",
            "ip_address": "1.2.3.4",
        },
        "request": {
            "url": "https://porth.example/en/register/?q=rhys@example.cymru",
            "method": "POST",
            "data": {"name": "Rhys Evans", "email": "rhys@example.cymru"},
            "cookies": {"sessionid": "abc"},
            "query_string": "q=rhys@example.cymru",
            "env": {"REMOTE_ADDR": "1.2.3.4"},
            "headers": {
                "Cookie": "sessionid=abc",
                "Authorization": "Token secret",
                "User-Agent": "Firefox",
                "X-Request-ID": "abcdef123456",
            },
        },
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "Key (email)=(rhys@example.cymru) already exists.",
                    "stacktrace": {"frames": [{"function": "f", "vars": {"name": "Rhys Evans"}}]},
                }
            ]
        },
        "breadcrumbs": {"values": [{"message": "to rhys@example.cymru", "data": {"a": "b"}}]},
        "extra": {"form": {"name": "Rhys Evans"}},
    }
    scrubbed = json.dumps(scrub_event(event, {}))
    assert "rhys" not in scrubbed.lower()
    assert "Rhys Evans" not in scrubbed
    assert "sessionid" not in scrubbed
    assert "secret" not in scrubbed
    assert "2034" not in scrubbed
    assert event["user"] == {"id": 7}
    assert event["request"]["url"] == "https://porth.example/en/register/"
    assert event["request"]["headers"] == {"User-Agent": "Firefox", "X-Request-ID": "abcdef123456"}
    assert event["request"]["method"] == "POST"
    assert event["exception"]["values"][0]["type"] == "IntegrityError"


@pytest.mark.parametrize("user", [None, {}, {"email": "a@example.cymru"}])
def test_scrub_event_copes_with_missing_parts(user):
    event = {"user": user} if user is not None else {}
    scrub_event(event, None)
    assert "email" not in (event.get("user") or {})
