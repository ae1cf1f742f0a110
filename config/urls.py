"""URLs: people-facing pages under /cy/ and /en/; machines' endpoints without a prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from porth.core import views as core_views
from porth.core.permissions import public

handler400 = "porth.core.views.bad_request"
handler403 = "porth.core.views.permission_denied"
handler404 = "porth.core.views.page_not_found"
handler500 = "porth.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Wagtail's own sign-in form knows nothing of two-factor codes: send people to ours.
    path(
        "cms/login/",
        public(RedirectView.as_view(pattern_name="account_login", query_string=True)),
        name="cms_login",
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("porth.open_data.api_urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("account/", include("porth.accounts.urls")),
    path("organisations/", include("porth.organisations.urls")),
    path("_components/", core_views.component_gallery, name="component_gallery"),
    path("standards/", include("porth.standards.urls")),
    path("register/", include("porth.register.urls")),
    path("open-data/", include("porth.open_data.urls")),
    path("baseline-rounds/", include("porth.baseline.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
