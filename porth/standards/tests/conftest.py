"""Fixtures for the standards app: the real standards, loaded from the committed data files."""

import datetime

import pytest

from porth.standards.actions import load_standard_set, read_standard_rows


@pytest.fixture
def standard_rows():
    return read_standard_rows()


@pytest.fixture
def standard_set(db, standard_rows):
    """Version 1.0 of the 12 standards, current."""
    return load_standard_set(
        version="1.0", published_on=datetime.date(2024, 4, 1), rows=standard_rows
    )
