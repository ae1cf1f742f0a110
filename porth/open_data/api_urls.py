"""/api/v1/: unprefixed (docs/architecture.md §4), one route per resource, all readable by anyone.

Each route's view is marked `public` for the URL safety net: reading is open to all, and the
writes some of them accept are refused inside the view without a valid token (401) or the
right to edit the body concerned (403), see `api.permissions`.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from porth.core.permissions import public

from . import views
from .api import exchange, learning_sessions, metrics, reference, reviews, root, services

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("services", services.ServiceViewSet, basename="service")
router.register("metrics", metrics.MetricValueViewSet, basename="metric")
router.register("organisations", reference.OrganisationViewSet, basename="organisation")
router.register("service-areas", reference.ServiceAreaViewSet, basename="service-area")
router.register("technology", reference.TechnologyViewSet, basename="technology")
router.register("measures", reference.MeasureViewSet, basename="measure")
router.register("review-reports", reviews.ReviewReportViewSet, basename="review-report")
router.register(
    "learning-sessions", learning_sessions.LearningSessionViewSet, basename="learning-session"
)

for route in router.urls:
    public(route.callback)

urlpatterns = [
    path("", public(root.APIRoot.as_view()), name="root"),
    path("schema/", public(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path("docs/", views.api_docs_redirect, name="docs"),
    # Before the router's, so "bulk" is not read as an organisation's detail (ADR 0040).
    path(
        "organisations/<slug:slug>/services/bulk/",
        public(exchange.BulkServices.as_view()),
        name="services-bulk",
    ),
    path(
        "organisations/<slug:slug>/services/<path:reference>/",
        public(exchange.ServiceByReference.as_view()),
        name="service-by-reference",
    ),
    *router.urls,
    path(
        "standards-statistics/",
        public(reviews.StandardsStatistics.as_view()),
        name="standards-statistics",
    ),
    path("success-measures/", include("porth.measures.api_urls")),
    path("<path:unknown>", public(root.NotFound.as_view()), name="not_found"),
]
