from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("", views.service_list, name="service_list"),
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
    path("service-areas/", views.service_area_list, name="service_area_list"),
    path("service-areas/new/", views.service_area_create, name="service_area_create"),
    path("service-areas/<int:pk>/edit/", views.service_area_update, name="service_area_update"),
]
