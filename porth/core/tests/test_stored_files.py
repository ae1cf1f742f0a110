"""Stored files go through Django's storage API: local files by default, S3-compatible object
storage when S3_BUCKET is set. The S3 path is tested against moto's in-process S3."""

import boto3
import pytest
from django.core.files.storage import default_storage, storages
from django.test import RequestFactory
from moto import mock_aws

from porth.core import stored_files
from porth.core.models import StoredFile

pytestmark = pytest.mark.django_db
BUCKET = "porth-test"


def read(response) -> bytes:
    content = b"".join(response.streaming_content)
    # Not response.close(): that sends request_finished, which closes the test's connection.
    response.file_to_stream.close()
    return content


@pytest.fixture
def s3_storage(settings, monkeypatch):
    """The default storage is S3 (moto's, in this process) for the length of the test."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    with mock_aws():
        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "region_name": "eu-west-2"},
            },
        }
        storages._storages.clear()
        default_storage._wrapped = storages["default"]
        yield boto3.client("s3", region_name="eu-west-2")
    storages._storages.clear()
    default_storage._setup()


def test_a_stored_file_is_kept_in_storage_and_named_with_its_date(settings):
    stored = stored_files.store(
        name="example.csv",
        chunks=[b"a,b\n", b"1,2\n"],
        filename="porth-example-2026-12-05.csv",
        content_type="text/csv",
    )

    response = stored_files.response_for(RequestFactory().get("/"), stored)

    assert read(response) == b"a,b\n1,2\n"
    assert response["Content-Length"] == "8"
    assert 'filename="porth-example-2026-12-05.csv"' in response["Content-Disposition"]
    assert stored_files.latest("example.csv") == stored


def test_a_new_build_replaces_the_old_copy_in_s3(s3_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = stored_files.store(
            name="example.csv", chunks=[b"old\n"], filename="old.csv", content_type="text/csv"
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = stored_files.store(
            name="example.csv", chunks=[b"new\n"], filename="new.csv", content_type="text/csv"
        )

    keys = [item["Key"] for item in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [second.path]
    assert first.path != second.path
    assert StoredFile.objects.count() == 1
    assert read(stored_files.response_for(RequestFactory().get("/"), second)) == b"new\n"


def test_readiness_asks_the_s3_storage(s3_storage, client):
    response = client.get("/readyz")

    assert response.json()["checks"]["storage"] == "ok"
    assert stored_files.storage_answers()
