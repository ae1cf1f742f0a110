import dataclasses
import datetime

import pytest
from django.core.management import call_command

from porth.standards.actions import (
    StandardSetAlreadyExists,
    StandardsFileInvalid,
    load_standard_set,
    publish_standard_set,
    read_standard_rows,
)
from porth.standards.models import Standard, StandardGroup, StandardSet


def test_the_data_files_hold_12_standards_in_3_groups_with_welsh_summaries(standard_rows):
    assert [row.number for row in standard_rows] == list(range(1, 13))
    assert len({row.group_en for row in standard_rows}) == 3
    assert all(row.summary_cy and row.summary_cy != row.summary_en for row in standard_rows)


def test_a_standard_without_a_welsh_summary_is_refused(tmp_path):
    summaries = tmp_path / "summaries.csv"
    summaries.write_text("number,summary_cy\n1,Crynodeb\n", encoding="utf-8")
    with pytest.raises(StandardsFileInvalid):
        read_standard_rows(summaries_cy_csv=summaries)


def test_loading_creates_version_1_0_as_the_current_set(standard_set):
    assert standard_set.version == "1.0"
    assert standard_set.is_current
    assert standard_set.groups.count() == 3
    assert standard_set.standards.count() == 12
    assert (
        standard_set.standards.get(number=2).name_cy == "Dylunio gwasanaethau yn Gymraeg a Saesneg"
    )


def test_loading_twice_changes_nothing(standard_set, standard_rows):
    before = list(Standard.objects.values().order_by("pk"))
    load_standard_set(version="1.0", published_on=datetime.date(2030, 1, 1), rows=standard_rows)
    assert StandardSet.objects.count() == 1
    assert StandardGroup.objects.count() == 3
    assert list(Standard.objects.values().order_by("pk")) == before
    assert StandardSet.objects.get().published_on == datetime.date(2024, 4, 1)


@pytest.mark.django_db
def test_the_load_standards_command_is_idempotent():
    call_command("load_standards", verbosity=0)
    call_command("load_standards", verbosity=0)
    assert StandardSet.objects.get().version == "1.0"
    assert Standard.objects.count() == 12


def test_publishing_a_new_version_makes_it_current_and_leaves_the_old_one_alone(
    standard_set, standard_rows
):
    renamed = [
        dataclasses.replace(row, name_en=f"{row.name_en} (revised)") for row in standard_rows
    ]
    old_names = list(standard_set.standards.values_list("name_en", flat=True))

    new_set = publish_standard_set(
        version="1.1", published_on=datetime.date(2026, 4, 1), rows=renamed
    )

    standard_set.refresh_from_db()
    assert new_set.is_current and not standard_set.is_current
    assert list(standard_set.standards.values_list("name_en", flat=True)) == old_names
    assert new_set.standards.get(number=3).name_en.endswith("(revised)")


def test_loading_the_first_version_again_does_not_demote_a_later_one(standard_set, standard_rows):
    publish_standard_set(version="1.1", published_on=datetime.date(2026, 4, 1), rows=standard_rows)
    load_standard_set(version="1.0", published_on=datetime.date(2024, 4, 1), rows=standard_rows)
    assert StandardSet.objects.current().version == "1.1"


def test_a_version_number_cannot_be_published_twice(standard_set, standard_rows):
    with pytest.raises(StandardSetAlreadyExists):
        publish_standard_set(
            version="1.0", published_on=datetime.date(2026, 1, 1), rows=standard_rows
        )
