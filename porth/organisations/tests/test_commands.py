from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from porth.organisations.management.commands.load_organisations import DEFAULT_FILE
from porth.organisations.models import Organisation

SHARED_FILE = Path(settings.BASE_DIR).parent / "shared" / "data" / "organisations.csv"


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_organisations", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_loads_the_copy_in_the_repository_and_reports_counts():
    output = load()

    assert Organisation.objects.count() == 54
    assert "54 created, 0 updated, 0 unchanged" in output
    assert Organisation.objects.get(slug="cardiff").name_cy == "Cyngor Caerdydd"


@pytest.mark.django_db
def test_running_the_command_again_changes_nothing():
    load()

    output = load()

    assert "0 created, 0 updated, 54 unchanged" in output


@pytest.mark.django_db
def test_the_command_refuses_a_file_with_bad_rows_and_loads_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "slug,name_en,name_cy,type,gss_code,website\n"
        "cardiff,Cardiff Council,,principal_council,W06000015,https://www.cardiff.gov.uk\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as refused:
        load("--file", str(bad))

    assert "Row 2: The name in Welsh is missing" in str(refused.value)
    assert Organisation.objects.count() == 0


def test_the_command_says_when_it_cannot_read_the_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        load("--file", str(tmp_path / "missing.csv"))


@pytest.mark.skipif(not SHARED_FILE.exists(), reason="../shared is not next to this checkout")
def test_the_copy_in_the_repository_matches_the_shared_file():
    assert DEFAULT_FILE.read_bytes() == SHARED_FILE.read_bytes()
