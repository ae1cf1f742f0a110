"""The site's URLs plus a stand-in `learning:catalogue`, so tests can see the course links
the skills pages show once the learning app is installed (it lives on another branch)."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site_patterns
from porth.core.permissions import public


@public
def catalogue(request):
    return HttpResponse(f"Courses for {request.GET.get('skill', '')}")


learning_patterns = ([path("", catalogue, name="catalogue")], "learning")

urlpatterns = [*i18n_patterns(path("learning/", include(learning_patterns))), *site_patterns]
