from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("centre/all/", views.centre_dashboard, name="centre_dashboard"),
    path("centre/refresh/", views.refresh, name="refresh"),
    path("centre/<str:key>/", views.centre_measure_detail, name="centre_measure_detail"),
    path("centre/<str:key>/csv/", views.centre_measure_csv, name="centre_measure_csv"),
    path("centre/<str:key>/target/", views.target_edit, name="target_edit"),
    path("<str:key>/", views.measure_detail, name="measure_detail"),
    path("<str:key>/csv/", views.measure_csv, name="measure_csv"),
]
