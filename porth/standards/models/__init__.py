"""Models of the standards app, one module per concept."""

from .criterion import Criterion
from .example import ExampleIndexPage, ExamplePage
from .manual import GuidancePage, ManualFeedback, ManualIndexPage, StandardGuidancePage
from .standard import Phase, Standard, StandardGroup, StandardSet

__all__ = [
    "Criterion",
    "ExampleIndexPage",
    "ExamplePage",
    "GuidancePage",
    "ManualFeedback",
    "ManualIndexPage",
    "Phase",
    "Standard",
    "StandardGroup",
    "StandardGuidancePage",
    "StandardSet",
]
