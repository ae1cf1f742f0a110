from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("log/", views.log, name="log"),
    path("comments/<int:contribution_id>/", views.contribution_decide, name="contribution_decide"),
    path(
        "comments/<int:contribution_id>/report/",
        views.contribution_report,
        name="contribution_report",
    ),
    path("spaces/", views.space_list, name="space_list"),
    path("spaces/<slug:key>/", views.space_edit, name="space_edit"),
    path("pre-election/", views.quiet_period_create, name="quiet_period_create"),
]
