"""Figures by any period (issue 11 item 4, ADR 0046) and the figures import writing only
through the actions, all or nothing (issue 10)."""

import datetime
import importlib
import inspect
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from porth.open_data.columns import metric_rows
from porth.open_data.queries import landscape_figures
from porth.register import actions, formatting
from porth.register.formatting import period_label, short_period_label
from porth.register.imports import metrics as metrics_import
from porth.register.models import (
    ImportStatus,
    Measure,
    MetricValue,
    PeriodType,
    ServiceChange,
    figure_errors,
    per_month,
    period_end,
)
from porth.register.queries import metric_series

from .test_actions import create
from .test_imports import METRIC_HEADERS, confirm, csv_bytes, messages, run

pytestmark = pytest.mark.django_db

FY_2024 = datetime.date(2024, 4, 1)


def record(service, code, period_type, start, value, person=None):
    return actions.record_metric_value(
        service=service,
        measure=Measure.objects.get(code=code, organisation=None),
        period_type=period_type,
        period_start=start,
        value=Decimal(value),
        recorded_by=person,
    )


# --- Periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period_type", "start", "end"),
    [
        (PeriodType.MONTH, datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        (PeriodType.QUARTER, datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
        (PeriodType.FINANCIAL_YEAR, FY_2024, datetime.date(2025, 3, 31)),
        (PeriodType.CALENDAR_YEAR, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
    ],
)
def test_each_kind_of_period_is_stored_with_its_last_day(organisation, period_type, start, end):
    service = create(organisation)
    figure = record(service, "transactions-online", period_type, start, "1200")
    figure.refresh_from_db()
    assert figure.period_end == end == period_end(period_type, start)


def test_periods_read_as_people_write_them_in_both_languages():
    with translation.override("en"):
        assert period_label(PeriodType.FINANCIAL_YEAR, FY_2024) == "April 2024 to March 2025"
        assert short_period_label(PeriodType.FINANCIAL_YEAR, FY_2024) == "2024–25"
        assert short_period_label(PeriodType.CALENDAR_YEAR, datetime.date(2024, 1, 1)) == "2024"
    with translation.override("cy"):
        assert period_label(PeriodType.FINANCIAL_YEAR, FY_2024) == "Ebrill 2024 i Fawrth 2025"
        assert (
            period_label(PeriodType.CALENDAR_YEAR, datetime.date(2024, 1, 1))
            == "Ionawr i Ragfyr 2024"
        )


@pytest.mark.parametrize(
    ("period_type", "start", "english", "welsh"),
    [
        (
            PeriodType.FINANCIAL_YEAR,
            datetime.date(2024, 1, 1),
            "A financial year must start on 1 April, not 1 January 2024",
            "1 Ionawr 2024",
        ),
        (
            PeriodType.CALENDAR_YEAR,
            datetime.date(2024, 4, 1),
            "A calendar year must start on 1 January, not 1 April 2024",
            "1 Ebrill 2024",
        ),
        (
            PeriodType.QUARTER,
            datetime.date(2024, 2, 1),
            "A quarter must start on 1 January, 1 April, 1 July or 1 October, not 1 February 2024",
            "1 Chwefror 2024",
        ),
    ],
)
def test_a_period_that_starts_on_the_wrong_day_is_refused_naming_the_day(
    period_type, start, english, welsh
):
    errors = figure_errors(
        period_type=period_type,
        period_start=start,
        value=Decimal(1),
        not_provided_reason="",
        unit="count",
    )
    [error] = errors["period_start"]
    with translation.override("en"):
        assert error.messages == [english]
    with translation.override("cy"):
        assert welsh in error.messages[0]


def test_a_count_for_a_year_is_an_average_a_month_of_a_twelfth():
    assert per_month(Decimal(1200), PeriodType.FINANCIAL_YEAR) == Decimal(100)
    assert per_month(Decimal(300), PeriodType.QUARTER) == Decimal(100)
    assert per_month(Decimal(100), PeriodType.MONTH) == Decimal(100)


def test_the_new_measures_and_the_other_channel_are_there():
    codes = set(Measure.objects.filter(organisation=None).values_list("code", flat=True))
    assert {"enquiries", "website-visits", "transactions-total", "transactions-other"} <= codes
    assert Measure.objects.get(code="transactions-other").channel == "other"


# --- Charts and the landscape ---------------------------------------------------------------


def test_yearly_and_financial_year_figures_chart_beside_quarterly_ones_never_added(
    client, organisation
):
    service = create(organisation)
    for month, value in ((1, "300"), (4, "330"), (7, "360")):
        record(service, "transactions-online", "quarter", datetime.date(2024, month, 1), value)
    record(service, "transactions-online", "financial_year", FY_2024, "1200")
    record(service, "transactions-online", "calendar_year", datetime.date(2023, 1, 1), "1440")

    series = metric_series(service)

    assert [one.period_type for one in series] == ["quarter", "financial_year", "calendar_year"]
    assert [[f.value for f in one.figures] for one in series] == [
        [Decimal(300), Decimal(330), Decimal(360)],
        [Decimal(1200)],
        [Decimal(1440)],
    ]
    assert all(one.others == 2 for one in series)
    with translation.override("en"):
        page = client.get(
            reverse("register:service_detail", kwargs={"public_id": service.public_id})
        ).content.decode()
    assert "by financial year (April to March)" in page
    assert "by calendar year" in page
    assert "so a year is never drawn beside a quarter" in page
    assert "Average a month" in page
    # The financial year's 1,200 is 100 a month and the calendar year's 1,440 is 120; the
    # sum of a year and a quarter (1,500 or 1,530) is nowhere.
    assert ">100<" in page and ">120<" in page
    assert "1,500" not in page and "1,530" not in page


def test_the_landscape_adds_transactions_as_averages_a_month_never_a_year_to_a_quarter(
    organisation, other_organisation, monkeypatch
):
    today = datetime.date(2025, 5, 15)
    monkeypatch.setattr("porth.register.models.periods.timezone.localdate", lambda: today)
    quarterly = create(organisation)
    yearly = create(organisation, name_en="Pay council tax", name_cy="Talu treth gyngor")
    both = create(other_organisation)
    record(quarterly, "transactions-online", "quarter", datetime.date(2025, 1, 1), "300")
    record(yearly, "transactions-online", "financial_year", FY_2024, "2400")
    # A service giving a quarter and the year that contains it: the later-ending one counts.
    record(both, "transactions-online", "quarter", datetime.date(2024, 10, 1), "900")
    record(both, "transactions-online", "financial_year", FY_2024, "3600")
    record(both, "transactions-phone", "calendar_year", datetime.date(2023, 1, 1), "120")
    record(both, "transactions-post", "calendar_year", datetime.date(2024, 1, 1), "120")

    figures = landscape_figures(today)

    volumes = {volume.code: volume for volume in figures.transactions}
    assert volumes["online"].per_month == Decimal(100 + 200 + 300)
    assert volumes["online"].services == 3
    # 2023 ended before the last 6 months (from 1 November 2024) began; 2024 ended within them.
    assert "phone" not in volumes
    assert volumes["post"].per_month == Decimal(10)


def test_a_yearly_figure_is_fresh_until_six_months_after_its_year_ends(organisation):
    service = create(organisation)
    figure = record(service, "user-satisfaction", "financial_year", FY_2024, "80")
    assert not MetricValue.objects.stale(datetime.date(2025, 9, 30)).filter(pk=figure.pk)
    assert MetricValue.objects.stale(datetime.date(2025, 10, 1)).filter(pk=figure.pk)


# --- The import -------------------------------------------------------------------------------


def test_figures_are_matched_by_the_bodys_own_reference(organisation, editor):
    service = create(organisation, reference="HR-042")
    rows = [
        ["reference", "measure", "period_type", "period_start", "period_end", "value"],
        ["HR-042", "enquiries", "financial_year", "2024-04-01", "2025-03-31", "5,000"],
        ["HR-042", "website-visits", "Calendar year", "01/01/2024", "", "48000"],
    ]
    record_ = confirm(run(organisation, editor, csv_bytes(rows), kind="metrics"), editor)
    assert record_.status == ImportStatus.APPLIED
    figures = {f.measure.code: f for f in MetricValue.objects.filter(service=service)}
    assert figures["enquiries"].value == Decimal(5000)
    assert figures["enquiries"].period_end == datetime.date(2025, 3, 31)
    assert figures["website-visits"].period_type == "calendar_year"


def test_a_reference_is_checked_against_the_service_id_and_the_body(organisation, editor):
    first = create(organisation, reference="HR-042")
    create(organisation, name_en="Pay council tax", name_cy="Talu treth gyngor", reference="B-1")
    rows = [
        ["service", "reference", "measure", "period_type", "period_start", "value"],
        [first.public_id, "B-1", "enquiries", "month", "2025-01-01", "5"],
        ["", "NOPE-9", "enquiries", "month", "2025-01-01", "5"],
        [first.public_id, "", "enquiries", "month", "2025-02-01", "5"],
    ]
    record_ = run(organisation, editor, csv_bytes(rows), kind="metrics")
    found = messages(record_)
    assert found[0][:2] == (2, "reference")
    assert "is for PS-" in found[0][2]
    assert found[1] == (3, "reference", "None of your services has the reference “NOPE-9”")
    assert len(found) == 2
    assert not MetricValue.objects.exists()


def test_a_file_with_neither_service_id_nor_reference_is_refused(organisation, editor):
    rows = [["measure", "period_type", "period_start", "value"], ["enquiries", "month", "x", "1"]]
    record_ = run(organisation, editor, csv_bytes(rows), kind="metrics")
    assert record_.status == ImportStatus.REFUSED
    assert "“Your reference”" in messages(record_)[0][2]


def test_bad_periods_in_a_file_show_the_bad_value_in_both_languages(organisation, editor):
    service = create(organisation)
    rows = [
        METRIC_HEADERS,
        [service.public_id, "enquiries", "financial_year", "2024-01-01", "10"],
        [service.public_id, "enquiries", "fortnight", "2024-01-01", "10"],
    ]
    record_ = run(organisation, editor, csv_bytes(rows), kind="metrics")
    english, welsh = messages(record_, "en"), messages(record_, "cy")
    assert english[0] == (
        2,
        "period_start",
        "A financial year must start on 1 April, not 1 January 2024",
    )
    assert "1 Ionawr 2024" in welsh[0][2] and welsh[0][2] != english[0][2]
    assert "“fortnight”" in english[1][2] and "financial_year" in english[1][2]
    assert "“fortnight”" in welsh[1][2]
    assert [problem.get("value") for problem in record_.problems] == ["2024-01-01", "fortnight"]


def test_a_period_end_that_does_not_follow_from_the_type_is_a_problem(organisation, editor):
    service = create(organisation)
    rows = [
        ["service", "measure", "period_type", "period_start", "period_end", "value"],
        [service.public_id, "enquiries", "quarter", "2024-01-01", "2024-12-31", "10"],
    ]
    found = messages(run(organisation, editor, csv_bytes(rows), kind="metrics"))
    assert found == [
        (
            2,
            "period_end",
            "The period ends on 2024-03-31, not 2024-12-31: check the period type and when "
            "it starts",
        )
    ]


def test_the_figures_import_is_all_or_nothing(organisation, editor):
    service = create(organisation)
    good = [
        [service.public_id, "transactions-online", "month", f"2024-{month:02d}-01", "10"]
        for month in range(1, 12)
    ]
    rows = [
        METRIC_HEADERS,
        *good,
        [service.public_id, "user-satisfaction", "month", "2024-12-01", "101"],
    ]
    record_ = run(organisation, editor, csv_bytes(rows), kind="metrics")
    assert messages(record_) == [(13, "value", "A percentage must be between 0 and 100.")]
    assert record_.problems[0]["value"] == "101"
    assert not MetricValue.objects.exists()
    assert not ServiceChange.objects.filter(kind="metric").exists()


def test_figures_refused_by_the_actions_at_apply_time_leave_nothing(
    organisation, other_organisation, editor
):
    """The register can change between the preview and the apply: the file is judged again."""
    service = create(organisation)
    own = actions.define_measure(
        organisation=organisation, name_en="Bins", name_cy="Biniau", unit="count"
    )
    rows = [
        METRIC_HEADERS,
        [service.public_id, "transactions-online", "month", "2024-01-01", "10"],
        [service.public_id, own.code, "month", "2024-02-01", "50"],
    ]
    checked = run(organisation, editor, csv_bytes(rows), kind="metrics")
    assert checked.status == ImportStatus.CHECKED, checked.problems
    Measure.objects.filter(pk=own.pk).update(organisation=other_organisation)

    applied = confirm(checked, editor)

    assert applied.status == ImportStatus.CHECKED
    assert [(p["row"], p["column"]) for p in applied.problems] == [(3, "measure")]
    assert not MetricValue.objects.exists()


def test_the_figures_import_writes_only_through_the_actions():
    source = inspect.getsource(metrics_import)
    assert "register_metricvalue" not in source
    assert ".objects.create(" not in source and "bulk_create" not in source
    assert "record_figures" in source


# --- The question page, the API and the download ------------------------------------------


def test_an_editor_adds_a_financial_year_figure_on_the_question_page(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    response = client.post(
        reverse("register:metric_value_create", kwargs={"public_id": service.public_id}),
        {
            "measure": Measure.objects.get(code="enquiries").pk,
            "period_type": "financial_year",
            "period_year": "2024",
            "value": "5000",
        },
    )
    assert response.status_code == 302
    figure = MetricValue.objects.get(service=service)
    assert (figure.period_start, figure.period_end) == (FY_2024, datetime.date(2025, 3, 31))


def test_the_question_page_asks_for_the_month_of_a_quarter_in_words(client, organisation, editor):
    service = create(organisation)
    client.force_login(editor)
    with translation.override("cy"):
        response = client.post(
            reverse("register:metric_value_create", kwargs={"public_id": service.public_id}),
            {
                "measure": Measure.objects.get(code="enquiries").pk,
                "period_type": "quarter",
                "period_month": "2",
                "period_year": "2024",
                "value": "5",
            },
        )
    assert response.status_code == 200
    assert "1 Chwefror 2024" in response.content.decode()
    assert not MetricValue.objects.exists()


def test_the_download_gives_the_reference_and_the_periods_last_day(organisation):
    service = create(organisation, reference="HR-042")
    record(service, "enquiries", "financial_year", FY_2024, "5000")
    [row] = metric_rows(MetricValue.objects.all())
    assert row["reference"] == "HR-042"
    assert (row["period_start"], row["period_end"]) == ("2024-04-01", "2025-03-31")
    assert row["period_type"] == "financial_year"


def test_a_row_the_import_let_through_is_still_refused_by_the_actions(
    organisation, editor, monkeypatch
):
    """The actions are the guard: were the import's check to miss a rule, `record_figures`
    refuses the figure, the import shows why on its row, and nothing is written."""
    monkeypatch.setattr(metrics_import, "figure_errors", lambda **given: {})
    service = create(organisation)
    rows = [
        METRIC_HEADERS,
        [service.public_id, "transactions-online", "month", "2024-01-01", "10"],
        [service.public_id, "user-satisfaction", "month", "2024-02-01", "150"],
    ]
    record_ = run(organisation, editor, csv_bytes(rows), kind="metrics")
    assert messages(record_) == [(3, "value", "A percentage must be between 0 and 100.")]
    assert not MetricValue.objects.exists()


def test_the_migration_gives_existing_figures_the_same_last_day_as_the_model():
    migration = importlib.import_module("porth.register.migrations.0014_figures_by_period")
    for period_type in ("month", "quarter"):
        for month in range(1, 13):
            start = datetime.date(2024, month, 1)
            assert migration._end(period_type, start) == period_end(period_type, start)


def test_a_period_is_worded_once_per_language_and_kept_apart_by_language(monkeypatch):
    worded = []

    date_format = formatting.date_format

    def counted(value, format_name):
        worded.append((translation.get_language(), value))
        return date_format(value, format_name)

    monkeypatch.setattr(formatting, "date_format", counted)
    march = datetime.date(1987, 3, 1)  # a month no other test words, so not remembered yet
    with translation.override("en"):
        assert [period_label(PeriodType.MONTH, march) for _ in range(3)] == ["March 1987"] * 3
    with translation.override("cy"):
        assert period_label(PeriodType.MONTH, march) == "Mawrth 1987"
    assert worded == [("en", march), ("cy", march)]
