"""Models of the standards app, one module per concept."""

from .criterion import Criterion
from .example import ExampleIndexPage, ExamplePage
from .manual import GuidancePage, ManualFeedback, ManualIndexPage, StandardGuidancePage
from .review import (
    RAG,
    Assessor,
    ConflictOfInterest,
    Discipline,
    PanelMember,
    Recommendation,
    Review,
    ReviewStatus,
    ReviewType,
    StandardOutcome,
)
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
    "RAG",
    "RATING_SCORES",
    "Action",
    "Answer",
    "Assessor",
    "ConflictOfInterest",
    "Criterion",
    "Discipline",
    "ExampleIndexPage",
    "ExamplePage",
    "GuidancePage",
    "ManualFeedback",
    "ManualIndexPage",
    "PanelMember",
    "Phase",
    "Rating",
    "Recommendation",
    "Review",
    "ReviewStatus",
    "ReviewType",
    "SelfAssessment",
    "SelfAssessmentStatus",
    "Standard",
    "StandardGroup",
    "StandardGuidancePage",
    "StandardOutcome",
    "StandardSet",
    "overall_rating",
]
