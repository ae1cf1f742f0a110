"""Choices shared by the standards' models and their StreamField blocks (which the models use)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The delivery phases a team records; teams in Wales do not always go through them in order."""

    DISCOVERY = "discovery", _("Discovery")
    ALPHA = "alpha", _("Alpha")
    BETA = "beta", _("Beta")
    LIVE = "live", _("Live")
