from django.urls import path

from .views import centre, subscriptions

app_name = "newsletter"

urlpatterns = [
    path("", subscriptions.subscribe, name="subscribe"),
    path("check-your-email/", subscriptions.check_email, name="check_email"),
    path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("manage/", subscriptions.manage_request, name="manage_request"),
    path("manage/<str:token>/", subscriptions.manage, name="manage"),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
]

urlpatterns += [
    path("centre/", centre.centre, name="centre"),
    path("centre/issues/new/", centre.issue_create, name="issue_create"),
    path("centre/issues/<int:pk>/", centre.issue_edit, name="issue_edit"),
    path("centre/issues/<int:pk>/test/", centre.issue_test, name="issue_test"),
    path("centre/issues/<int:pk>/schedule/", centre.issue_schedule, name="issue_schedule"),
    path("centre/subscribers.csv", centre.subscriber_export, name="subscriber_export"),
    path("centre/subscribers/import/", centre.subscriber_import, name="subscriber_import"),
]
