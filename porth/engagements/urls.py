from django.urls import path

from . import views

app_name = "engagements"

urlpatterns = [
    path("", views.engagement_list, name="engagement_list"),
    path("new/", views.engagement_create, name="engagement_create"),
    path("<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
    path("<int:pk>/squad/", views.squad_member_create, name="squad_member_create"),
    path("<int:pk>/timeline/new/", views.entry_create, name="entry_create"),
    path(
        "<int:pk>/timeline/<int:entry_pk>/attachment/",
        views.entry_attachment,
        name="entry_attachment",
    ),
    path("help/", views.request_start, name="request_start"),
    path("help/demand/", views.demand_summary, name="demand_summary"),
    path("help/requests/", views.request_queue, name="request_queue"),
    path("help/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("help/requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("help/<slug:slug>/", views.request_create, name="request_create"),
]
