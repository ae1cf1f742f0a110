from django.urls import path

from . import views

app_name = "panels"

urlpatterns = [
    path("", views.panel_list, name="panel_list"),
    path("mentoring/", views.pair_list, name="pair_list"),
    path("mentoring/new/", views.pair_create, name="pair_create"),
    path("mentoring/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("<slug:slug>/", views.panel_detail, name="panel_detail"),
    path("<slug:slug>/members/new/", views.member_create, name="member_create"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
]
