"""The release's fingerprint, under which kept pages are stored (porth.core.release, ADR 0077)."""

import os
import shutil
from pathlib import Path

from porth.core import release


def _a_release(root: Path) -> Path:
    (root / "porth" / "app" / "templates").mkdir(parents=True)
    (root / "porth" / "app" / "locale" / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (root / "porth" / "app" / "tests").mkdir(parents=True)
    (root / "config").mkdir()
    (root / "requirements").mkdir()
    (root / "porth" / "app" / "views.py").write_text("def page(): ...\n")
    (root / "porth" / "app" / "templates" / "page.html").write_text("<h1>Gwasanaethau</h1>\n")
    (root / "porth" / "app" / "locale" / "cy" / "LC_MESSAGES" / "django.mo").write_bytes(b"mo")
    (root / "porth" / "app" / "locale" / "cy" / "LC_MESSAGES" / "django.po").write_text("po")
    (root / "porth" / "app" / "tests" / "test_page.py").write_text("def test(): ...\n")
    (root / "config" / "urls.py").write_text("urlpatterns = []\n")
    (root / "requirements" / "base.txt").write_text("Django==5.2.9\n")
    (root / "package-lock.json").write_text('{"govuk-frontend": "5.13.0"}\n')
    return root


def test_two_machines_with_the_same_release_agree_whatever_the_files_times(tmp_path):
    one = _a_release(tmp_path / "machine-one")
    two = tmp_path / "machine-two" / "elsewhere"
    shutil.copytree(one, two)
    os.utime(two / "porth" / "app" / "templates" / "page.html", (0, 0))

    assert release.fingerprint_of(one) == release.fingerprint_of(two)


def test_a_changed_template_translation_setting_or_dependency_is_a_new_release(tmp_path):
    root = _a_release(tmp_path)
    before = release.fingerprint_of(root)
    changes = [
        ("porth/app/templates/page.html", "<h1>Services</h1>\n"),
        ("porth/app/locale/cy/LC_MESSAGES/django.mo", "mo, corrected"),
        ("config/urls.py", "urlpatterns = [None]\n"),
        ("requirements/base.txt", "Django==5.2.10\n"),
        ("package-lock.json", '{"govuk-frontend": "5.14.0"}\n'),
    ]
    fingerprints = {before}
    for name, text in changes:
        (root / name).write_text(text)
        fingerprints.add(release.fingerprint_of(root))

    assert len(fingerprints) == len(changes) + 1


def test_tests_and_translators_sources_are_not_part_of_the_release(tmp_path):
    root = _a_release(tmp_path)
    before = release.fingerprint_of(root)

    (root / "porth" / "app" / "tests" / "test_page.py").write_text("def test_more(): ...\n")
    (root / "porth" / "app" / "locale" / "cy" / "LC_MESSAGES" / "django.po").write_text("new")
    (root / "porth" / "app" / "__pycache__").mkdir()
    (root / "porth" / "app" / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\0")

    assert release.fingerprint_of(root) == before


def test_a_moved_file_is_a_new_release(tmp_path):
    root = _a_release(tmp_path)
    before = release.fingerprint_of(root)

    (root / "porth" / "app" / "templates" / "page.html").rename(
        root / "porth" / "app" / "templates" / "other.html"
    )

    assert release.fingerprint_of(root) != before


def test_this_release_has_a_short_fingerprint_worked_out_once():
    assert release.fingerprint() == release.fingerprint()
    assert len(release.fingerprint()) == release.LENGTH
    assert release.fingerprint.cache_info().misses <= 1
