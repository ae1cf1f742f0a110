"""Open data's public pages in the sitemap (porth.core.sitemaps finds this module)."""

from porth.core.sitemaps import NamedPages

SITEMAPS = {
    "open-data": NamedPages("open_data:overview", "open_data:landscape", "open_data:api_docs"),
}
