"""Writes of the standards app, one module per concept; import them from here."""

from .manual import ManualContentMismatch, ManualHomeMissing, record_manual_feedback, seed_manual
from .standards import (
    DATA_DIR,
    CriterionRow,
    StandardRow,
    StandardSetAlreadyExists,
    StandardsFileInvalid,
    load_standard_set,
    publish_standard_set,
    read_criterion_rows,
    read_standard_rows,
    seed_criteria,
)

__all__ = [
    "DATA_DIR",
    "CriterionRow",
    "ManualContentMismatch",
    "ManualHomeMissing",
    "StandardRow",
    "StandardSetAlreadyExists",
    "StandardsFileInvalid",
    "load_standard_set",
    "publish_standard_set",
    "read_criterion_rows",
    "read_standard_rows",
    "record_manual_feedback",
    "seed_criteria",
    "seed_manual",
]
