"""Finding 6: malformed filters get a bilingual 400 before any byte is sent, never a 500 or a
download cut off after its header row; a download that fails part-way says so.

These run on SQLite and on PostgreSQL (DATABASE_URL): the NUL-byte 500s were PostgreSQL's.
"""

import csv
import datetime
import io
import json
import logging
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from porth.core.inputs import EARLIEST_YEAR, LATEST_YEAR
from porth.open_data.columns import SERVICE_COLUMNS
from porth.open_data.formats import download
from porth.open_data.forms import OpenDataFilters

from .factories import make_service, record, token_for

pytestmark = pytest.mark.django_db

OVERFLOWING = "9999-12-31T23:59:59-16:00"
EXPORTS = [
    f"/en/open-data/{name}.{file_format}"
    for name in ("services", "metrics")
    for file_format in ("csv", "json", "xlsx")
]
UNREADABLE = {
    "a NUL byte": "q=a%00b",
    "a NUL byte in a list filter": "organisation=x%00",
    "a NUL byte in a parameter's name": "q%00=a",
    "a byte that is not UTF-8": "q=%FF",
    "an encoded lone surrogate": "q=%ED%A0%80",
}
ROUTES = [
    "/api/v1/services/",
    "/api/v1/metrics/",
    "/api/v1/review-reports/",
    "/api/v1/standards-statistics/",
    "/en/register/",
    "/cy/register/",
    "/en/open-data/",
    "/en/standards/reviews/",
    "/en/standards/statistics/",
    *EXPORTS,
    "/en/open-data/review-reports.csv",
    "/en/open-data/standards-statistics.json",
]


@pytest.fixture
def figures(organisation):
    service = make_service(organisation)
    record(service, "user-satisfaction", datetime.date(2025, 1, 1), "50")
    return service


def read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_bilingual_400(response) -> None:
    assert response.status_code == 400
    assert not response.streaming
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert body["detail_en"] and body["detail_cy"] and body["detail_en"] != body["detail_cy"]
    else:
        page = response.content.decode()
        assert "There is a problem with the request" in page
        assert "Mae problem gyda'r cais" in page


@pytest.mark.parametrize("path", ["/api/v1/services/", "/api/v1/metrics/"])
def test_finding_6_an_updated_since_that_overflows_in_utc_is_a_400_on_the_api(
    client, figures, path
):
    response = client.get(path, {"updated_since": OVERFLOWING})

    assert response.status_code == 400
    assert "updated_since" in response.json()


@pytest.mark.parametrize("path", EXPORTS)
@pytest.mark.parametrize(
    "date", [OVERFLOWING, "0001-01-01T00:00:00+14:00", "1899-12-31", "2101-01-01", "not a date"]
)
def test_finding_6_a_download_refuses_an_unusable_date_before_sending_a_byte(
    client, figures, path, date
):
    response = client.get(path, {"updated_since": date})

    assert_bilingual_400(response)
    assert "between 1900 and 2100" in response.content.decode()


@pytest.mark.parametrize("field", ["period_from", "period_to"])
def test_finding_6_a_period_outside_1900_to_2100_is_refused_by_the_api_and_the_download(
    client, figures, field
):
    assert client.get("/api/v1/metrics/", {field: "0001-01-01"}).status_code == 400
    assert_bilingual_400(client.get("/en/open-data/metrics.csv", {field: "9999-12-31"}))


def test_finding_6_a_date_and_time_with_an_offset_is_read_in_utc(client, figures):
    response = client.get("/api/v1/services/", {"updated_since": "2000-01-01T00:00:00+14:00"})

    assert response.status_code == 200
    assert response.json()["count"] == 1
    filters = OpenDataFilters(QueryDict("updated_since=2000-01-01T00:00:00%2B14:00"))
    assert filters.updated_since == datetime.datetime(1999, 12, 31, 10, tzinfo=datetime.UTC)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("query", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_finding_6_unreadable_text_in_a_query_string_is_a_bilingual_400(
    client, figures, route, query
):
    assert_bilingual_400(client.get(f"{route}?{query}"))


def test_finding_6_the_400_page_reads_in_the_language_of_its_address(client):
    page = client.get("/cy/register/?q=%00").content.decode()

    assert '<html lang="cy"' in page
    assert page.index("Mae problem gyda'r cais") < page.index("There is a problem")
    assert '<div lang="en">' in page


def test_finding_6_unreadable_text_in_a_submitted_form_is_a_400(client):
    response = client.post(
        "/en/open-data/tokens/", "name=a%00b", content_type="application/x-www-form-urlencoded"
    )

    assert_bilingual_400(response)


@pytest.mark.parametrize("text", ["\\u0000", "\\ud800"])
def test_finding_6_unreadable_text_in_a_json_body_is_a_400(client, organisation, editor, text):
    body = json.dumps({"organisation": organisation.slug, "phase": "live"})[:-1]
    body += f', "name_en": "Bins{text}"}}'
    response = client.post(
        "/api/v1/services/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(editor)}",
    )

    assert response.status_code == 400
    assert "cannot be read" in response.json()["detail"]


def test_finding_6_the_request_log_records_the_400(client, caplog):
    with caplog.at_level(logging.INFO, logger="porth.request"):
        client.get("/en/open-data/services.csv?q=%00")

    assert [entry.status for entry in caplog.records if entry.name == "porth.request"] == [400]


def failing_rows(after: int):
    """Rows that fail after `after` of them, as a lost database connection would."""
    for number in range(after):
        yield {
            column.code: f"{column.code}-{number}" if column.kind == "text" else None
            for column in SERVICE_COLUMNS
        }
    raise RuntimeError("connection lost")


def test_finding_6_a_query_that_fails_at_once_fails_in_the_view_not_after_a_200():
    with pytest.raises(RuntimeError):
        download("csv", SERVICE_COLUMNS, failing_rows(0), name="services", path="/x")


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_finding_6_a_download_that_fails_part_way_is_logged_and_marked_incomplete(
    caplog, file_format
):
    with caplog.at_level(logging.ERROR, logger="porth.open_data.formats"):
        response = download(
            file_format,
            SERVICE_COLUMNS,
            failing_rows(3),
            name="services",
            path="/en/open-data/services.csv",
        )
        content = b"".join(response.streaming_content)

    [logged] = [entry for entry in caplog.records if entry.levelno == logging.ERROR]
    assert "/en/open-data/services.csv" in logged.getMessage()
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert len(rows) == 1 + 3 + 1
        assert rows[-1][0].startswith("!! This file is incomplete")
        assert "anghyflawn" in rows[-1][0]
    elif file_format == "json":
        document = json.loads(content)
        assert len(document["rows"]) == 3
        assert document["incomplete"] is True
        assert set(document["error"]) == {"en", "cy"}
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [row[0] for row in sheet.iter_rows(values_only=True)]
        assert len(cells) == 1 + 3 + 1
        assert cells[-1].startswith("!! This file is incomplete")


def test_finding_6_a_whole_download_has_no_incomplete_marker(client, figures):
    document = json.loads(read(client.get("/en/open-data/services.json")))

    assert "incomplete" not in document
    assert len(document["rows"]) == 1


# Hypothesis: the filter forms and the routes that read them, with NUL bytes, extreme dates and
# offsets PostgreSQL refuses in the strategies.
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(["\x00", "a\x00b", "\ufffd", "\u202e", "PS-000001"]),
)
extreme_dates = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
)
date_texts = st.one_of(
    extreme_dates.map(datetime.date.isoformat),
    st.tuples(extreme_dates, offsets).map(lambda pair: f"{pair[0].isoformat()}T23:59:59{pair[1]}"),
    texts,
)
FILTER_NAMES = ["q", "organisation", "area", "phase", "welsh", "sort", "service", "measure"]
queries = st.dictionaries(
    st.sampled_from([*FILTER_NAMES, "updated_since", "period_from", "period_to"]),
    st.one_of(texts, date_texts),
    max_size=4,
)
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXAMPLES
@given(query=queries)
def test_finding_6_the_filter_forms_take_any_query_and_keep_dates_in_range(query):
    filters = OpenDataFilters(QueryDict(urlencode(query)))
    filters.metrics()

    cleaned = filters.extra_form.cleaned_data
    for name in ("updated_since", "period_from", "period_to"):
        value = cleaned.get(name)
        if value is not None:
            assert EARLIEST_YEAR <= value.year <= LATEST_YEAR
    if cleaned.get("updated_since") is not None:
        assert cleaned["updated_since"].utcoffset() == datetime.timedelta(0)
    if any(name in query for name in ("updated_since", "period_from", "period_to")):
        assert set(filters.date_errors) <= {
            message for messages in filters.errors.values() for message in messages
        }


@EXAMPLES
@given(
    path=st.sampled_from(["/api/v1/services/", "/api/v1/metrics/", *EXPORTS[:2], EXPORTS[3]]),
    query=queries,
)
def test_finding_6_routes_answer_any_filter_with_a_whole_answer_or_a_400(
    client, figures, path, query
):
    response = client.get(f"{path}?{urlencode(query)}")

    assert response.status_code in (200, 400), query
    content = read(response)
    if "\x00" in "".join([*query, *query.values()]):
        assert response.status_code == 400
    if response.status_code == 200 and path.endswith(".json"):
        assert "incomplete" not in json.loads(content)
