"""Subscribers out and back in as CSV, consent records and all; the import is all or nothing."""

import csv
import io

import pytest

from porth.newsletter.actions import subscriptions, transfer
from porth.newsletter.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _exported() -> list[list[str]]:
    return list(transfer.export_rows())


def test_an_export_imports_again_with_every_consent_record(centre_staff):
    subscriptions.subscribe(
        email="ceri@example.org", topics=["blog", "events"], frequency="weekly", language="cy"
    )
    rows = _exported()
    Subscriber.objects.all().delete()
    result = transfer.import_subscribers(data=_csv(rows), by=centre_staff)
    assert result.created == 1
    subscriber = Subscriber.objects.get()
    assert subscriber.topics == ["blog", "events"]
    assert (subscriber.frequency, subscriber.language) == ("weekly", "cy")
    consent = ConsentRecord.objects.get()
    assert (consent.kind, consent.language) == ("asked", "en")


def test_one_bad_row_imports_nothing_and_names_the_row(centre_staff):
    good = ["a@example.org", "confirmed", "blog", "each", "both", "", _consents()]
    rows = [
        transfer.COLUMNS,
        good,
        ["not an address", "confirmed", "blog", "each", "both", "", _consents()],
        ["b@example.org", "confirmed", "blog", "each", "both", "", "[]"],
    ]
    with pytest.raises(transfer.ImportRefused) as refused:
        transfer.import_subscribers(data=_csv(rows), by=centre_staff)
    assert refused.value.problems[0].startswith("Row 3:")
    assert refused.value.problems[1].startswith("Row 4:")
    assert Subscriber.objects.count() == 0


def test_an_address_already_on_the_list_is_a_problem_not_an_overwrite(centre_staff):
    Subscriber.objects.create(email="a@example.org", language="en")
    rows = [transfer.COLUMNS, ["a@example.org", "confirmed", "blog", "each", "cy", "", _consents()]]
    with pytest.raises(transfer.ImportRefused):
        transfer.import_subscribers(data=_csv(rows), by=centre_staff)
    assert Subscriber.objects.get().language == "en"


def test_a_file_that_is_not_utf8_csv_is_refused_clearly(client, centre_staff):
    client.force_login(centre_staff)
    upload = io.BytesIO(b"\xff\xfe\x00bad")
    upload.name = "subscribers.csv"
    response = client.post("/cy/newsletter/centre/subscribers/import/", {"file": upload})
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert Subscriber.objects.count() == 0


def _consents() -> str:
    return '[{"kind": "confirmed", "given_at": "2026-11-01T10:00:00+00:00", "wording_version": "2026-12", "language": "cy"}]'  # noqa: E501
