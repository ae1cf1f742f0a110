"""Request logging: one JSON line a request, without the secrets some addresses carry."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from config.settings.base import LOGGING

pytestmark = pytest.mark.django_db


def request_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "porth.request"]


def test_each_request_is_logged_with_its_route_status_and_time(client, caplog):
    with caplog.at_level(logging.INFO, logger="porth.request"):
        client.get("/cy/organisations/")

    (record,) = request_records(caplog)
    assert record.method == "GET"
    assert record.route == "cy/organisations/"
    assert record.view == "organisations:organisation_list"
    assert record.status == 200
    assert record.duration_ms >= 0
    assert record.language == "cy"


def test_the_log_shows_the_url_pattern_not_the_token_in_the_address(client, caplog):
    with caplog.at_level(logging.INFO, logger="porth.request"):
        client.get("/en/account/invitations/secret-token-123/")

    (record,) = request_records(caplog)
    assert "secret-token-123" not in json.dumps(record.__dict__, default=str)


def test_pages_that_are_not_found_are_logged_too(client, caplog):
    with caplog.at_level(logging.INFO, logger="porth.request"):
        client.get("/cy/does-not-exist/")

    (record,) = request_records(caplog)
    assert record.status == 404


def test_log_lines_are_json_objects(client, caplog):
    settings_formatter = LOGGING["formatters"]["json"]
    assert settings_formatter["()"] == "pythonjsonlogger.json.JsonFormatter"
    formatter = JsonFormatter(settings_formatter["fmt"])

    with caplog.at_level(logging.INFO, logger="porth.request"):
        client.get("/en/organisations/")

    line = json.loads(formatter.format(request_records(caplog)[0]))
    assert line["levelname"] == "INFO"
    assert line["name"] == "porth.request"
    assert line["status"] == 200
    assert line["route"] == "en/organisations/"
