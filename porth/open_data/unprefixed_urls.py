"""The URL configuration that Django's LocaleMiddleware is shown for API responses.

LocaleMiddleware answers any 404 on an address without a language prefix by redirecting to
/en/<address>, and Wagtail's catch-all page route makes every such address look valid: an API
client asking for an unknown service would get a redirect to an HTML page instead of a 404.
The API's responses point `request.urlconf` here, where no language-prefixed patterns exist,
so the middleware leaves them alone (see `api.common.OpenDataAPI`).
"""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("porth.open_data.api_urls"))]
