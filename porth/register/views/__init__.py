"""Pages of the service register; `urls.py` maps them."""

from .editing import (
    service_create,
    service_create_check,
    service_create_done,
    service_create_step,
    service_retire,
    service_update,
    service_update_step,
)
from .feeds import register_change_feed
from .figures import metric_value_create
from .import_history import import_help, import_history
from .import_mapping import import_mapping
from .imports import (
    import_choose,
    import_confirm,
    import_create,
    import_detail,
    import_preview_download,
    import_problems_download,
    import_progress,
    import_recover,
    import_start,
    import_template,
)
from .register import service_detail, service_list
from .service_areas import service_area_create, service_area_list, service_area_update

__all__ = [
    "import_choose",
    "import_confirm",
    "import_create",
    "import_detail",
    "import_help",
    "import_history",
    "import_mapping",
    "import_preview_download",
    "import_problems_download",
    "import_progress",
    "import_recover",
    "import_start",
    "import_template",
    "metric_value_create",
    "register_change_feed",
    "service_area_create",
    "service_area_list",
    "service_area_update",
    "service_create",
    "service_create_check",
    "service_create_done",
    "service_create_step",
    "service_detail",
    "service_list",
    "service_retire",
    "service_update",
    "service_update_step",
]
