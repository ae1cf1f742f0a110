"""Published review reports and the standards' statistics as open data: API and downloads."""

import csv
import datetime
import io

import pytest
import yaml

from porth.standards.actions import respond_to_report

pytestmark = pytest.mark.django_db


def test_a_report_is_in_the_api_only_once_published(client, reported, editor):
    assert client.get("/api/v1/review-reports/").json()["count"] == 0
    assert client.get(f"/api/v1/review-reports/{reported.pk}/").status_code == 404

    respond_to_report(review=reported, accept=True, reason="", person=editor)

    response = client.get("/api/v1/review-reports/")
    document = response.json()
    assert 'rel="license"' in response["Link"]
    assert document["licence"]["name_cy"] == "Trwydded Llywodraeth Agored v3.0"
    (report,) = document["results"]
    assert report["service"]["public_id"] == reported.service.public_id
    assert report["service"]["name_cy"] == "Gwneud cais am fathodyn glas"
    assert report["outcome"] == {"code": "amber", "name_en": "Amber", "name_cy": "Ambr"}
    assert report["phase"]["code"] == "beta"
    assert [item["standard"] for item in report["standards"]] == list(range(1, 13))
    assert report["standards"][6]["outcome"]["code"] == "green"
    assert report["recommendations"] == {"total": 1, "done": 0}
    assert report["url_cy"].endswith(f"/cy/standards/reviews/{reported.pk}/")
    detail = client.get(f"/api/v1/review-reports/{reported.pk}/").json()
    assert detail["summary_cy"] == "Gwasanaeth cryf gyda gwaith i'w wneud."


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"phase": "beta"}, 1),
        ({"phase": "alpha"}, 0),
        ({"outcome": "amber"}, 1),
        ({"standard": "7", "outcome": "green"}, 1),
        ({"standard": "7", "outcome": "red"}, 0),
        ({"body_type": "police_force"}, 0),
        ({"q": "blue badge"}, 1),
        ({"year": str(datetime.date.today().year)}, 1),
        ({"page_size": "1", "page": "1"}, 1),
    ],
)
def test_reports_in_the_api_take_the_public_lists_filters(client, published, query, count):
    assert client.get("/api/v1/review-reports/", query).json()["count"] == count


@pytest.mark.parametrize(
    "query", [{"phase": "nonsense"}, {"year": "99999999999999999999"}, {"standard": "x"}]
)
def test_a_filter_that_makes_no_sense_is_refused(client, published, query):
    response = client.get("/api/v1/review-reports/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_the_statistics_count_published_reports_with_names_in_both_languages(
    client, reported, editor
):
    before = client.get("/api/v1/standards-statistics/").json()
    assert before["reports"] == 0 and before["recommendations"] == {"total": 0, "done": 0}
    respond_to_report(review=reported, accept=True, reason="", person=editor)

    document = client.get("/api/v1/standards-statistics/").json()
    assert document["licence"]["url_en"].startswith("https://www.nationalarchives.gov.uk/")
    assert (document["services"], document["self_assessed"], document["reviewed"]) == (1, 1, 1)
    assert document["recommendations"] == {"total": 1, "done": 0}
    standard = document["standards"][0]
    assert standard["standard"] == 1 and standard["green"] == 1
    assert (
        standard["name_en"] and standard["name_cy"] and standard["name_en"] != standard["name_cy"]
    )
    assert (
        client.get("/api/v1/standards-statistics/", {"body_type": "police_force"}).json()["reports"]
        == 0
    )
    assert client.get("/api/v1/standards-statistics/", {"body_type": "x"}).status_code == 400


def test_the_schema_and_the_documentation_describe_the_new_endpoints(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert "/api/v1/review-reports/" in schema["paths"]
    assert "/api/v1/review-reports/{id}/" in schema["paths"]
    assert "/api/v1/standards-statistics/" in schema["paths"]
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/review-reports/"]["get"]["parameters"]
    }
    assert {
        "q",
        "standard",
        "outcome",
        "phase",
        "body_type",
        "year",
        "page",
        "page_size",
    } <= parameters
    english = client.get("/en/open-data/api/").text
    welsh = client.get("/cy/open-data/api/").text
    assert "List published review reports" in english
    assert "/api/v1/review-reports/" in welsh and "List published review reports" not in welsh


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_reports_csv_has_both_languages_and_never_runs_a_formula(client, published):
    response = client.get("/en/open-data/review-reports.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"]
    headers, row = _csv(response)
    assert headers[1] == "Service ID / Cyfeirnod gwasanaeth"
    assert "Outcome for standard 7 (Welsh) / Canlyniad ar gyfer safon 7 (Cymraeg)" in headers
    values = dict(zip(headers, row, strict=True))
    assert values["Overall outcome (Welsh) / Canlyniad cyffredinol (Cymraeg)"] == "Ambr"
    assert values["Summary (English) / Crynodeb (Saesneg)"] == '\'=HYPERLINK("https://example.com")'


def test_the_reports_csv_leaves_out_unpublished_reports_and_follows_the_filters(
    client, reported, editor
):
    assert len(_csv(client.get("/en/open-data/review-reports.csv"))) == 1
    respond_to_report(review=reported, accept=True, reason="", person=editor)
    assert len(_csv(client.get("/cy/open-data/review-reports.csv"))) == 2
    assert len(_csv(client.get("/en/open-data/review-reports.csv", {"phase": "alpha"}))) == 1


def test_the_statistics_csv_is_one_row_per_figure(client, published):
    headers, *rows = _csv(client.get("/cy/open-data/standards-statistics.csv"))
    assert headers[0] == "Measure code / Cod y mesur"
    assert len(rows) == 6 + 12 * 3
    totals = {row[0]: row[-1] for row in rows[:6]}
    assert totals["reports"] == "1" and totals["recommendations"] == "1"
    assert rows[6][:4] == ["green", "Green outcomes", "Canlyniadau gwyrdd", "1"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_report_list_and_the_statistics_link_to_their_downloads(client, published, language):
    reports = client.get(f"/{language}/standards/reviews/", {"phase": "beta"}).text
    assert "/open-data/review-reports.csv?phase=beta" in reports
    assert "open-government-licence" in reports
    statistics = client.get(f"/{language}/standards/statistics/", {"year": "2026"}).text
    assert "/open-data/standards-statistics.csv?year=2026" in statistics


def test_finding_12_the_api_shows_no_unpublished_report_even_to_the_bodys_editor(
    client, reported, editor
):
    """Open data answers as it would the public, whoever's token is sent."""
    from porth.open_data.actions import create_token

    _token, secret = create_token(person=editor, name="Reports")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/review-reports/", **headers).json()["count"] == 0
    assert client.get(f"/api/v1/review-reports/{reported.pk}/", **headers).status_code == 404
    statistics = client.get("/api/v1/standards-statistics/", **headers).json()
    assert statistics["reports"] == 0 and statistics["recommendations"]["total"] == 0

    respond_to_report(review=reported, accept=True, reason="", person=editor)
    assert client.get("/api/v1/review-reports/").json()["count"] == 1
    detail = client.get(f"/api/v1/review-reports/{reported.pk}/").json()
    assert detail["recommendations"] == {"total": 1, "done": 0}
