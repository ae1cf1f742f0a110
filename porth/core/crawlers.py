"""What search engines and other machines read about the site: sitemap, robots.txt, security.txt.

Served without a language prefix, where crawlers look for them (ADR 0049). The sitemap's
sections come from each app's `sitemaps.py` (`porth.core.sitemaps`).
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .permissions import public
from .sitemaps import sitemaps

# Search engines read these often; an hour keeps the load of a large register's sitemap low.
CRAWLER_CACHE_SECONDS = 60 * 60

# Pages that are private, personal or endless (every sort of every list) are not for crawlers.
# Private pages refuse anonymous visitors anyway; this saves the crawl. Search results (`?q=`)
# may be crawled: their canonical address is the list without the query (`head.py`), which keeps
# them out of the index without hiding the page from a crawler's check (ADR 0057).
ROBOTS_DISALLOW = [
    "/cms/",
    "/api/",
    "/*/accounts/",
    "/*/account/",
    "/*/audit/",
    "/*/failed-tasks/",
    "/*/_components/",
    "/*/moderation/",
    "/*/following/",
    "/*?*sort=",
]


@public
@require_GET
@cache_control(public=True, max_age=CRAWLER_CACHE_SECONDS)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of the sitemap's sections, each of which lists pages in both languages."""
    return sitemap_views.index(
        request,
        sitemaps(),
        template_name="core/sitemap_index.xml",
        sitemap_url_name="sitemap_section",
    )


@public
@require_GET
@cache_control(public=True, max_age=CRAWLER_CACHE_SECONDS)
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One section of the sitemap (a large one comes in pages of 50,000 addresses: `?p=2`)."""
    found = sitemaps()
    if section not in found:
        raise Http404("No such sitemap section")
    return sitemap_views.sitemap(request, found, section=section, template_name="core/sitemap.xml")


@public
@require_GET
@cache_control(public=True, max_age=CRAWLER_CACHE_SECONDS)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Everything public may be crawled, except the paths above; the sitemap says where."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public
@require_GET
@cache_control(public=True, max_age=CRAWLER_CACHE_SECONDS)
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: whom to tell about a security problem, in both languages."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=180)
    contact = settings.PORTH_CONTACT_EMAIL
    lines = [
        f"Contact: mailto:{contact}",
        f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: cy, en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to Porth's own icon."""
    return HttpResponsePermanentRedirect(static("core/images/favicon.ico"))
