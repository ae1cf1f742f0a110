from django.urls import path

from . import views

app_name = "standards"

urlpatterns = [
    path("", views.standard_list, name="standard_list"),
    path("<int:number>/", views.standard_detail, name="standard_detail"),
    path("feedback/", views.manual_feedback_create, name="manual_feedback_create"),
    path("feedback/responses/", views.manual_feedback_list, name="manual_feedback_list"),
    path("self-assessments/", views.self_assessment_index, name="self_assessment_index"),
    path(
        "services/<str:public_id>/self-assessments/",
        views.self_assessment_list,
        name="self_assessment_list",
    ),
    path(
        "services/<str:public_id>/self-assessments/new/",
        views.self_assessment_create,
        name="self_assessment_create",
    ),
    path("self-assessments/<int:pk>/", views.self_assessment_tasks, name="self_assessment_tasks"),
    path(
        "self-assessments/<int:pk>/standards/<int:number>/",
        views.answer_update,
        name="answer_update",
    ),
    path(
        "self-assessments/<int:pk>/standards/<int:number>/actions/new/",
        views.action_create,
        name="action_create",
    ),
    path(
        "self-assessments/<int:pk>/actions/<int:action_pk>/",
        views.action_update,
        name="action_update",
    ),
    path(
        "self-assessments/<int:pk>/summary/",
        views.self_assessment_summary,
        name="self_assessment_summary",
    ),
    path(
        "self-assessments/<int:pk>/submit/",
        views.self_assessment_submit,
        name="self_assessment_submit",
    ),
    path(
        "self-assessments/<int:pk>/publish/",
        views.self_assessment_publish,
        name="self_assessment_publish",
    ),
]
