"""/api/v1/success-measures/: included by one line in porth/open_data/api_urls.py. Every view is
public: the API shows public measures only."""

from django.urls import path, re_path

from porth.core.permissions import public

from . import api

urlpatterns = [
    path("", public(api.MeasureList.as_view()), name="success-measure-list"),
    re_path(
        r"^download/(?P<file_format>csv|xlsx)/$",
        public(api.MeasureDownload.as_view()),
        name="success-measure-download",
    ),
    path("<str:key>/", public(api.MeasureDetail.as_view()), name="success-measure-detail"),
]
