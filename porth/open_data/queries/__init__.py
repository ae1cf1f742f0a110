"""Reads of the open data app, one module per concept; import them from here."""

from .filtering import (
    MetricFilters,
    metric_values_for_open_data,
    selects_every_live_service,
    services_for_open_data,
)
from .landscape import (
    REFRESH_CLAIM_SECONDS,
    REFRESH_DELAY_SECONDS,
    Landscape,
    landscape_figures,
    landscape_figures_in,
    recent_since,
    stored_landscape_figures,
)
from .snapshots import (
    COMPARED_COLUMNS,
    SnapshotChanges,
    all_services_for_snapshot,
    changes_since,
    snapshots_for_list,
)
from .stored import downloads_not_stored
from .tokens import active_token, organisations_for_tokens, token_with_secret, tokens_of

__all__ = [
    "COMPARED_COLUMNS",
    "REFRESH_CLAIM_SECONDS",
    "REFRESH_DELAY_SECONDS",
    "Landscape",
    "MetricFilters",
    "SnapshotChanges",
    "active_token",
    "all_services_for_snapshot",
    "changes_since",
    "downloads_not_stored",
    "landscape_figures",
    "landscape_figures_in",
    "metric_values_for_open_data",
    "organisations_for_tokens",
    "recent_since",
    "selects_every_live_service",
    "services_for_open_data",
    "snapshots_for_list",
    "stored_landscape_figures",
    "token_with_secret",
    "tokens_of",
]
