"""Models of the standards app, one module per concept."""

from .criterion import Criterion
from .standard import Phase, Standard, StandardGroup, StandardSet

__all__ = ["Criterion", "Phase", "Standard", "StandardGroup", "StandardSet"]
