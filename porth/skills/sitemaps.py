"""The skills pages anyone may read, in the sitemap (porth.core.sitemaps finds this module)."""

from porth.core.sitemaps import NamedPages

SITEMAPS = {"skills": NamedPages("skills:skills_index", "skills:framework_detail")}
