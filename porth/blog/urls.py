from django.urls import path

from . import views

app_name = "blog"

urlpatterns = [
    path("feed/", views.feed, name="feed"),
    path("topics/<slug:slug>/", views.topic_posts, name="topic_posts"),
    path("topics/<slug:slug>/feed/", views.topic_feed, name="topic_feed"),
    path("authors/<slug:slug>/", views.author_posts, name="author_posts"),
    path("posts/<int:page_id>/comments/", views.comment_create, name="comment_create"),
]
