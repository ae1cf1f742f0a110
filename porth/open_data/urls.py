from django.urls import path, register_converter

from . import views
from .formats import FORMATS


class FileFormatConverter:
    regex = "|".join(FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormatConverter, "file_format")

app_name = "open_data"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("data-dictionary/", views.data_dictionary, name="data_dictionary"),
    path(
        "data-dictionary-<slug:kind>.csv",
        views.data_dictionary_download,
        name="data_dictionary_download",
    ),
    path("services.<file_format:file_format>", views.service_download, name="service_download"),
    path("metrics.<file_format:file_format>", views.metric_download, name="metric_download"),
    path(
        "review-reports.<file_format:file_format>",
        views.review_report_download,
        name="review_report_download",
    ),
    path(
        "standards-statistics.<file_format:file_format>",
        views.standards_statistics_download,
        name="standards_statistics_download",
    ),
    path("landscape/", views.landscape, name="landscape"),
    path("snapshots/", views.snapshot_list, name="snapshot_list"),
    path("snapshots/take/", views.snapshot_create, name="snapshot_create"),
    path("snapshots/<int:pk>/changes/", views.snapshot_changes, name="snapshot_changes"),
    path(
        "snapshots/<int:pk>/snapshot.<file_format:file_format>",
        views.snapshot_download,
        name="snapshot_download",
    ),
    path("api/", views.api_docs, name="api_docs"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
