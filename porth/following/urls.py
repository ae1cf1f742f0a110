from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("", views.following_list, name="following_list"),
    path("follow/", views.follow, name="follow"),
    path("<int:pk>/stop/", views.stop_following, name="stop_following"),
]
