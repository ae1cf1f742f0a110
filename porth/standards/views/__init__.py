"""Views of the standards app, one module per part of it; urls.py imports them from here."""

from .dashboard import *  # noqa: F403
from .review import *  # noqa: F403
from .self_assessment import *  # noqa: F403
from .standards import *  # noqa: F403
