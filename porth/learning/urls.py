from django.urls import path

from . import organising, views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("sessions.ics", views.catalogue_calendar, name="catalogue_calendar"),
    path("sessions.atom", views.catalogue_atom, name="catalogue_atom"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/book/", views.booking_create, name="booking_create"),
    path("sessions/<int:pk>/manage/", views.session_manage, name="session_manage"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/register/", views.session_register, name="session_register"),
    path("sessions/<int:pk>/materials/", views.session_materials, name="session_materials"),
    path("bookings/<int:pk>/feedback/", views.booking_feedback, name="booking_feedback"),
    path("bookings/", views.booking_list, name="booking_list"),
    path("calendar/", views.calendar_subscribe, name="calendar_subscribe"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/calendar.ics", views.booking_calendar, name="booking_calendar"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/leave/", views.booking_leave, name="booking_leave"),
    path("bookings/<int:pk>/accept/", views.booking_accept, name="booking_accept"),
    path("bookings/<int:pk>/move-up/", views.waiting_move_up, name="waiting_move_up"),
    path("courses/", organising.course_list, name="course_list"),
    path("courses/new/", organising.course_create, name="course_create"),
    path("courses/<int:pk>/edit/", organising.course_edit, name="course_edit"),
    path("courses/<int:pk>/sessions/", organising.course_sessions, name="course_sessions"),
    path("courses/<int:pk>/sessions/new/", organising.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", organising.session_edit, name="session_edit"),
    path("sessions/<int:pk>/invite/", organising.invitation_create, name="invitation_create"),
    path("invitations/<str:token>/", organising.invitation_answer, name="invitation_answer"),
    path("reach/", views.reach_report, name="reach_report"),
    path("reach/download.<str:file_format>", views.reach_download, name="reach_download"),
    path("reach/open-data/", views.reach_open_data, name="reach_open_data"),
    path(
        "reach/open-data/download.<str:file_format>",
        views.reach_open_data_download,
        name="reach_open_data_download",
    ),
    path("reach/organisations/<slug:slug>/", views.organisation_reach, name="organisation_reach"),
    path(
        "reach/organisations/<slug:slug>/download.<str:file_format>",
        views.organisation_reach_download,
        name="organisation_reach_download",
    ),
]
