import datetime

import pytest
from django.core.exceptions import ValidationError

from porth.standards.actions import publish_standard_set, read_criterion_rows, seed_criteria
from porth.standards.models import Criterion, Phase


def test_the_demo_criteria_cover_every_standard_and_phase_in_both_languages():
    rows = read_criterion_rows()
    covered = {(row.standard, row.phase) for row in rows}
    assert covered == {(number, phase) for number in range(1, 13) for phase in Phase.values}
    assert all(row.text_cy != row.text_en for row in rows)


def test_seeding_criteria_twice_adds_them_once(standard_set):
    rows = read_criterion_rows()
    assert seed_criteria(standard_set=standard_set, rows=rows) == len(rows)
    assert seed_criteria(standard_set=standard_set, rows=rows) == 0
    assert Criterion.objects.count() == len(rows)


def test_seeding_leaves_a_checklist_staff_have_edited_alone(criteria, standard_set):
    criterion = criteria.get(standard__number=3, phase=Phase.ALPHA, order=1)
    criterion.text_en = "Edited by centre staff"
    criterion.save()
    criteria.filter(standard__number=3, phase=Phase.ALPHA).exclude(pk=criterion.pk).delete()

    seed_criteria(standard_set=standard_set, rows=read_criterion_rows())

    alpha = Criterion.objects.filter(standard__number=3, phase=Phase.ALPHA)
    assert list(alpha.values_list("text_en", flat=True)) == ["Edited by centre staff"]


def test_a_new_version_starts_with_a_copy_of_the_checklists(criteria, standard_set, standard_rows):
    new_set = publish_standard_set(
        version="1.1", published_on=datetime.date(2026, 4, 1), rows=standard_rows
    )
    copied = Criterion.objects.filter(standard__standard_set=new_set)
    assert copied.count() == criteria.count()
    assert criteria.filter(standard__standard_set=standard_set).count() == copied.count()


def test_criteria_of_a_past_version_cannot_be_changed(criteria, standard_set, standard_rows):
    publish_standard_set(version="1.1", published_on=datetime.date(2026, 4, 1), rows=standard_rows)
    old = criteria.filter(standard__standard_set=standard_set).first()
    with pytest.raises(ValidationError):
        old.full_clean()


def test_the_admin_lists_only_the_current_versions_criteria(admin_client, criteria, standard_rows):
    search = {"q": "whole team takes part"}
    listed = admin_client.get("/cms/criteria/", search).text
    assert "The whole team takes part in research sessions" in listed
    new_set = publish_standard_set(
        version="1.1", published_on=datetime.date(2026, 4, 1), rows=standard_rows
    )
    Criterion.objects.filter(standard__standard_set=new_set, standard__number=3).delete()

    response = admin_client.get("/cms/criteria/", search)

    assert response.status_code == 200
    assert "The whole team takes part in research sessions" not in response.text


def test_the_standard_page_lists_its_checklist_by_phase(client, criteria):
    response = client.get("/en/standards/3/")
    assert "Checklist for each phase" in response.text
    assert "The whole team takes part in research sessions" in response.text
