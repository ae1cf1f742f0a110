"""Security headers on every page, and production settings that refuse to run unsafely."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def csp(response) -> str:
    return response.get("Content-Security-Policy", "")


def test_public_pages_carry_a_strict_content_security_policy(client):
    policy = csp(client.get("/en/organisations/"))

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_error_pages_carry_the_policy_too(client):
    assert "default-src 'self'" in csp(client.get("/cy/does-not-exist/"))


def test_the_cms_is_exempt_from_the_policy_for_its_inline_scripts(client):
    response = client.get("/cms/")

    assert response.status_code == 302
    assert "Content-Security-Policy" not in response


def test_pages_refuse_to_be_framed_or_sniffed(client):
    response = client.get("/en/organisations/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


# --- Production settings, each in a fresh interpreter so nothing leaks into this one ----------


def production_environment(**extra: str) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "TASK_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    environment.update(extra)
    return environment


def run(arguments: list[str], environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "porth-development-key-not-for-production", "too-short"],
    ids=["unset", "empty", "the-development-key", "short"],
)
def test_production_settings_refuse_to_start_without_a_real_secret_key(secret_key):
    environment = production_environment()
    if secret_key is not None:
        environment["SECRET_KEY"] = secret_key

    result = run(["-c", "import config.settings.production"], environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_the_deployment_check_is_clean_with_production_settings():
    environment = production_environment(SECRET_KEY=secrets.token_urlsafe(64))

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
