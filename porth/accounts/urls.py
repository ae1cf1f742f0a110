from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("preferences/", views.preference_update, name="preference_update"),
    path("organisations/<slug:slug>/people/", views.person_list, name="person_list"),
    path("organisations/<slug:slug>/people/history/", views.person_history, name="person_history"),
    path(
        "organisations/<slug:slug>/people/invite/",
        views.invitation_create,
        name="invitation_create",
    ),
    path(
        "organisations/<slug:slug>/people/<int:membership_id>/role/",
        views.membership_update,
        name="membership_update",
    ),
    path(
        "organisations/<slug:slug>/people/<int:membership_id>/remove/",
        views.membership_delete,
        name="membership_delete",
    ),
    path("invitations/<str:token>/", views.invitation_detail, name="invitation_detail"),
    path("invitations/<str:token>/accept/", views.invitation_accept, name="invitation_accept"),
]
