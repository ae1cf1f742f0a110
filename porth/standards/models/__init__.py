"""Models of the standards app, one module per concept (the package passed 400 lines)."""

from .standard import Phase, Standard, StandardGroup, StandardSet

__all__ = ["Phase", "Standard", "StandardGroup", "StandardSet"]
