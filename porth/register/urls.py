from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("", views.service_list, name="service_list"),
    path("changes/feed/", views.register_change_feed, name="register_change_feed"),
    path("services/new/", views.service_create, name="service_create"),
    path(
        "organisations/<slug:slug>/services/new/check/",
        views.service_create_check,
        name="service_create_check",
    ),
    path(
        "organisations/<slug:slug>/services/new/<slug:step>/",
        views.service_create_step,
        name="service_create_step",
    ),
    path("services/<str:public_id>/", views.service_detail, name="service_detail"),
    path("services/<str:public_id>/added/", views.service_create_done, name="service_create_done"),
    path("services/<str:public_id>/edit/", views.service_update, name="service_update"),
    path(
        "services/<str:public_id>/edit/<slug:step>/",
        views.service_update_step,
        name="service_update_step",
    ),
    path("services/<str:public_id>/retire/", views.service_retire, name="service_retire"),
    path(
        "services/<str:public_id>/figures/new/",
        views.metric_value_create,
        name="metric_value_create",
    ),
    path("imports/new/<slug:kind>/", views.import_start, name="import_start"),
    path("imports/help/", views.import_help, name="import_help"),
    path("organisations/<slug:slug>/imports/", views.import_history, name="import_history"),
    path(
        "organisations/<slug:slug>/imports/new/<slug:kind>/",
        views.import_create,
        name="import_create",
    ),
    path(
        "organisations/<slug:slug>/imports/template/<slug:kind>.<slug:file_format>",
        views.import_template,
        name="import_template",
    ),
    path("organisations/<slug:slug>/imports/<int:pk>/", views.import_detail, name="import_detail"),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/progress/",
        views.import_progress,
        name="import_progress",
    ),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/confirm/",
        views.import_confirm,
        name="import_confirm",
    ),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/columns/",
        views.import_mapping,
        name="import_mapping",
    ),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/choose/",
        views.import_choose,
        name="import_choose",
    ),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/preview.<slug:file_format>",
        views.import_preview_download,
        name="import_preview_download",
    ),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/problems.<slug:file_format>",
        views.import_problems_download,
        name="import_problems_download",
    ),
    path(
        "organisations/<slug:slug>/imports/<int:pk>/recover/",
        views.import_recover,
        name="import_recover",
    ),
    path("service-areas/", views.service_area_list, name="service_area_list"),
    path("service-areas/new/", views.service_area_create, name="service_area_create"),
    path("service-areas/<int:pk>/edit/", views.service_area_update, name="service_area_update"),
]
