"""The site's URLs without the learning app's, so tests can show the skills pages still work,
with no course links, on a site where the learning app is not installed."""

from django.urls import URLResolver

from config.urls import urlpatterns as site_patterns


def _without_learning(patterns: list) -> list:
    kept = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "learning":
                continue
            if pattern.namespace is None and not isinstance(pattern.urlconf_name, str):
                # The language-prefixed group (i18n_patterns): filter inside it.
                inner = _without_learning(list(pattern.url_patterns))
                pattern = URLResolver(pattern.pattern, inner, pattern.default_kwargs)
        kept.append(pattern)
    return kept


urlpatterns = _without_learning(site_patterns)
