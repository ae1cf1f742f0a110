"""URLs: people-facing pages under /cy/ and /en/; machines' endpoints without a prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from porth.accounts import views as account_views
from porth.core import crawlers
from porth.core import views as core_views
from porth.core.permissions import public

handler400 = "porth.core.views.bad_request"
handler403 = "porth.core.views.permission_denied"
handler404 = "porth.core.views.page_not_found"
handler500 = "porth.core.views.server_error"


def _to_ours(pattern_name: str):
    """A view that sends people to allauth's page for the same job, keeping `?next=`."""
    return public(RedirectView.as_view(pattern_name=pattern_name, query_string=True))


# One way to sign in (ADR 0010, ADR 0026): allauth's, which enforces two-factor authentication,
# email verification and the django-axes lockout. Wagtail mounts Django's plain password forms in
# two places; each is replaced by a redirect to ours, and a test walks every route to keep it so.
WAGTAIL_LOGIN_NAMES = {"wagtailcore_login"}
wagtail_front_end = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) not in WAGTAIL_LOGIN_NAMES
]

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("robots.txt", crawlers.robots_txt, name="robots_txt"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path(".well-known/security.txt", crawlers.security_txt, name="security_txt"),
    path("sitemap.xml", crawlers.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", crawlers.sitemap_section, name="sitemap_section"),
    path("metrics", core_views.prometheus_metrics, name="prometheus_metrics"),
    path("cms/login/", core_views.cms_login, name="cms_login"),
    # Resetting a password is allauth's job too: its reset never signs the person in.
    re_path(
        r"^cms/password_reset/",
        _to_ours("account_reset_password"),
        name="cms_password_reset",
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("porth.open_data.api_urls")),
]

urlpatterns += i18n_patterns(
    # Before allauth's own, to count these anonymous forms per address (porth.core.ratelimit).
    path("accounts/signup/", account_views.sign_up, name="account_signup"),
    path("accounts/password/reset/", account_views.password_reset, name="account_reset_password"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("porth.accounts.urls")),
    path("organisations/", include("porth.organisations.urls")),
    path("_components/", core_views.component_gallery, name="component_gallery"),
    path("search/", core_views.site_search, name="site_search"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("failed-tasks/", core_views.failed_tasks, name="failed_tasks"),
    path("failed-tasks/<int:pk>/", core_views.resolve_failed_task, name="resolve_failed_task"),
    path("standards/", include("porth.standards.urls")),
    path("learning/", include("porth.learning.urls")),
    path("our-work/", include("porth.engagements.urls")),
    path("panels/", include("porth.panels.urls")),
    path("register/", include("porth.register.urls")),
    path("open-data/", include("porth.open_data.urls")),
    path("baseline-rounds/", include("porth.baseline.urls")),
    path("skills/", include("porth.skills.urls")),
    path("measures/", include("porth.measures.urls")),
    path("audience/", include("porth.insight.urls")),
    path("newsletter/", include("porth.newsletter.urls")),
    path("following/", include("porth.following.urls")),
    path("blog/", include("porth.blog.urls")),
    path("moderation/", include("porth.moderation.urls")),
    path("communities/", include("porth.communities.urls")),
    path("_util/login/", _to_ours("account_login"), name="wagtailcore_login"),
    path("", include(wagtail_front_end)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
