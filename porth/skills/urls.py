from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("", views.skills_index, name="skills_index"),
    path("framework/", views.framework_detail, name="framework_detail"),
    path("start/", views.assessment_start, name="assessment_start"),
    path("download.csv", views.assessment_download, name="assessment_download"),
    path("<int:pk>/", views.assessment_update, name="assessment_update"),
    path("<int:pk>/result/", views.assessment_result, name="assessment_result"),
    path("<int:pk>/delete/", views.assessment_delete, name="assessment_delete"),
    path("aggregates/", views.sector_aggregate, name="sector_aggregate"),
    path(
        "organisations/<slug:slug>/",
        views.organisation_aggregate,
        name="organisation_aggregate",
    ),
    path(
        "organisations/<slug:slug>/capability/",
        views.capability_update,
        name="capability_update",
    ),
    path("my-organisation/", views.organisation_request_create, name="organisation_request_create"),
    path(
        "organisation-requests/", views.organisation_request_list, name="organisation_request_list"
    ),
    path(
        "organisation-requests/<int:pk>/",
        views.organisation_request_review,
        name="organisation_request_review",
    ),
]
