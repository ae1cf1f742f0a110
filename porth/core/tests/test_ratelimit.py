"""The rate-limit helper: counts in the cache, per key, in fixed windows."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from porth.core import ratelimit


@pytest.fixture
def at_a_windows_start(monkeypatch):
    monkeypatch.setattr(ratelimit, "_now", lambda: 36000.0)


def test_a_key_is_allowed_its_rate_then_told_how_long_to_wait(at_a_windows_start):
    answers = [ratelimit.limit("feedback:ip:203.0.113.7", "3/10m") for _ in range(4)]

    assert answers == [0, 0, 0, 600]


def test_keys_are_counted_apart(at_a_windows_start):
    for _ in range(3):
        ratelimit.limit("a", "2/h")

    assert ratelimit.limit("b", "2/h") == 0


def test_a_new_window_starts_the_count_again(monkeypatch):
    monkeypatch.setattr(ratelimit, "_now", lambda: 3600.0)
    ratelimit.limit("k", "1/h")
    assert ratelimit.limit("k", "1/h") > 0

    monkeypatch.setattr(ratelimit, "_now", lambda: 7200.0)
    assert ratelimit.limit("k", "1/h") == 0


def test_a_request_is_counted_by_its_address_whatever_its_session(at_a_windows_start):
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="203.0.113.7")
    second = factory.post("/", REMOTE_ADDR="203.0.113.7")
    elsewhere = factory.post("/", REMOTE_ADDR="198.51.100.20")

    assert ratelimit.limit_request(first, "form", "1/m") == 0
    assert ratelimit.limit_request(second, "form", "1/m") > 0
    assert ratelimit.limit_request(elsewhere, "form", "1/m") == 0


@pytest.mark.parametrize(
    ("language", "seconds", "words"),
    [
        ("en", 59, "Try again in 1 minute."),
        ("en", 540, "Try again in 9 minutes."),
        ("cy", 60, "ymhen 1 munud."),
        ("cy", 120, "ymhen 2 funud."),
        ("cy", 480, "ymhen 8 munud."),
    ],
)
def test_the_refusal_says_how_many_minutes_to_wait(language, seconds, words):
    with translation.override(language):
        assert ratelimit.refusal_message(seconds).endswith(words)
