"""EMAIL_URL is read the way the README's configuration table says."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def email_settings_for(email_url: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"EMAIL_URL", "DJANGO_SETTINGS_MODULE"}}
    if email_url is not None:
        env["EMAIL_URL"] = email_url
    code = (
        "from config.settings import base; "
        "print(base.QUEUED_EMAIL_BACKEND, base.EMAIL_FILE_PATH, base.EMAIL_USE_TLS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("email_url", "expected"),
    [
        (None, f"filebased.EmailBackend {settings.BASE_DIR / 'var' / 'mail'} False"),
        ("file:///tmp/porth-mail", "filebased.EmailBackend /tmp/porth-mail False"),
        ("submission://user:secret@mail.example:587", "smtp.EmailBackend"),
    ],
)
def test_email_url_names_the_backend_and_an_absolute_mail_folder(email_url, expected):
    backend, folder, tls = email_settings_for(email_url).split()
    assert f"{backend} {folder} {tls}".replace("django.core.mail.backends.", "").startswith(
        expected
    )
    if email_url and email_url.startswith("submission"):
        assert tls == "True"
