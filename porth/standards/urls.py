from django.urls import path

from . import views

app_name = "standards"

urlpatterns = [
    path("", views.standard_list, name="standard_list"),
    path("<int:number>/", views.standard_detail, name="standard_detail"),
    path("feedback/", views.manual_feedback_create, name="manual_feedback_create"),
    path("feedback/responses/", views.manual_feedback_list, name="manual_feedback_list"),
]
