"""Models of the standards app, one module per concept."""

from .criterion import Criterion
from .example import ExampleIndexPage, ExamplePage
from .manual import GuidancePage, ManualFeedback, ManualIndexPage, StandardGuidancePage
from .self_assessment import (
    RATING_SCORES,
    Action,
    Answer,
    Rating,
    SelfAssessment,
    SelfAssessmentStatus,
    overall_rating,
)
from .standard import Phase, Standard, StandardGroup, StandardSet

__all__ = [
    "RATING_SCORES",
    "Action",
    "Answer",
    "Criterion",
    "ExampleIndexPage",
    "ExamplePage",
    "GuidancePage",
    "ManualFeedback",
    "ManualIndexPage",
    "Phase",
    "Rating",
    "SelfAssessment",
    "SelfAssessmentStatus",
    "Standard",
    "StandardGroup",
    "StandardGuidancePage",
    "StandardSet",
    "overall_rating",
]
