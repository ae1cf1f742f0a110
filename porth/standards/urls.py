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
    path(
        "self-assessments/<int:pk>/history/",
        views.self_assessment_history,
        name="self_assessment_history",
    ),
    path("reviews/", views.review_report_list, name="review_report_list"),
    path("reviews/feed/", views.review_report_feed, name="review_report_feed"),
    path("manual/feed/", views.manual_update_feed, name="manual_update_feed"),
    path("reviews/requests/", views.review_queue, name="review_queue"),
    path("services/<str:public_id>/reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/history/", views.review_history, name="review_history"),
    path("reviews/<int:pk>/respond/", views.review_respond, name="review_respond"),
    path(
        "reviews/<int:pk>/recommendations/<int:recommendation_pk>/",
        views.recommendation_update,
        name="recommendation_update",
    ),
    path("reviews/<int:pk>/triage/", views.review_triage, name="review_triage"),
    path("reviews/<int:pk>/panel/", views.review_panel_update, name="review_panel_update"),
    path(
        "reviews/<int:pk>/challenge/",
        views.review_challenge_resolve,
        name="review_challenge_resolve",
    ),
    path(
        "reviews/<int:pk>/report/standards/<int:number>/",
        views.review_outcome_update,
        name="review_outcome_update",
    ),
    path(
        "reviews/<int:pk>/report/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "reviews/<int:pk>/report/submit/", views.review_report_submit, name="review_report_submit"
    ),
    path("assessor/", views.assessor_profile_update, name="assessor_profile_update"),
    path("statistics/", views.statistics, name="statistics"),
    path(
        "organisations/<slug:slug>/",
        views.organisation_dashboard,
        name="organisation_dashboard",
    ),
]
