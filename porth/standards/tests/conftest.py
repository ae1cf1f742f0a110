"""Fixtures for the standards app: the real standards, loaded from the committed data files."""

import datetime

import pytest

from porth.standards.actions import (
    load_standard_set,
    read_criterion_rows,
    read_standard_rows,
    seed_criteria,
)
from porth.standards.models import Criterion


@pytest.fixture
def standard_rows():
    return read_standard_rows()


@pytest.fixture
def standard_set(db, standard_rows):
    """Version 1.0 of the 12 standards, current."""
    return load_standard_set(
        version="1.0", published_on=datetime.date(2024, 4, 1), rows=standard_rows
    )


@pytest.fixture
def criteria(standard_set):
    """The demo checklists for every standard and phase of version 1.0."""
    seed_criteria(standard_set=standard_set, rows=read_criterion_rows())
    return Criterion.objects.filter(standard__standard_set=standard_set)
