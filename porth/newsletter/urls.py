from django.urls import path

from .views import subscriptions

app_name = "newsletter"

urlpatterns = [
    path("", subscriptions.subscribe, name="subscribe"),
    path("check-your-email/", subscriptions.check_email, name="check_email"),
    path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("manage/", subscriptions.manage_request, name="manage_request"),
    path("manage/<str:token>/", subscriptions.manage, name="manage"),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
]
