from django.urls import path

from . import views

app_name = "baseline"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_dashboard, name="round_dashboard"),
    path("<int:pk>/close/", views.round_close, name="round_close"),
    path(
        "<int:pk>/organisations/<slug:slug>/",
        views.participation_tasks,
        name="participation_tasks",
    ),
    path(
        "<int:pk>/organisations/<slug:slug>/services/",
        views.participation_services,
        name="participation_services",
    ),
    path(
        "<int:pk>/organisations/<slug:slug>/missing-services/",
        views.participation_missing,
        name="participation_missing",
    ),
    path(
        "<int:pk>/organisations/<slug:slug>/figures/",
        views.participation_figures,
        name="participation_figures",
    ),
    path(
        "<int:pk>/organisations/<slug:slug>/sign-off/",
        views.participation_sign_off,
        name="participation_sign_off",
    ),
]
