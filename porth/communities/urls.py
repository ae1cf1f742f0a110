from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="community_list"),
    path("new/", views.community_create, name="community_create"),
    path("people/", views.directory, name="directory"),
    path("people/your-entry/", views.directory_entry, name="directory_entry"),
    path("people/your-entry/remove/", views.directory_remove, name="directory_remove"),
    path("<slug:slug>/", views.community_detail, name="community_detail"),
    path("<slug:slug>/feed/", views.community_feed, name="community_feed"),
    path("<slug:slug>/join/", views.community_join, name="community_join"),
    path("<slug:slug>/leave/", views.community_leave, name="community_leave"),
    path("<slug:slug>/members/", views.member_list, name="member_list"),
    path("<slug:slug>/members/listing/", views.member_listing, name="member_listing"),
    path("<slug:slug>/requests/", views.membership_requests, name="membership_requests"),
    path(
        "<slug:slug>/requests/<int:membership_id>/",
        views.membership_decide,
        name="membership_decide",
    ),
    path("<slug:slug>/search/", views.community_search, name="community_search"),
    path("<slug:slug>/resources/new/", views.resource_create, name="resource_create"),
    path(
        "<slug:slug>/resources/<int:resource_id>/file/",
        views.resource_file,
        name="resource_file",
    ),
    path("<slug:slug>/threads/new/", views.thread_create, name="thread_create"),
    path("<slug:slug>/threads/<int:thread_id>/", views.thread_detail, name="thread_detail"),
    path("<slug:slug>/threads/<int:thread_id>/reply/", views.reply_create, name="reply_create"),
    path("<slug:slug>/threads/<int:thread_id>/pin/", views.thread_pin, name="thread_pin"),
]
