"""The newsletter's sign-up page, in the sitemap (porth.core.sitemaps finds this module)."""

from porth.core.sitemaps import NamedPages

SITEMAPS = {"newsletter": NamedPages("newsletter:subscribe")}
