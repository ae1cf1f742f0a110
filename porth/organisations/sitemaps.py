"""The organisations' public pages in the sitemap (porth.core.sitemaps finds this module)."""

from django.urls import reverse

from porth.core.sitemaps import BilingualSitemap, NamedPages

from .queries import organisations_for_list


class OrganisationPages(BilingualSitemap):
    """Each Welsh public body's page."""

    def items(self) -> list[str]:
        return list(organisations_for_list().values_list("slug", flat=True))

    def location(self, item: str) -> str:
        return reverse("organisations:organisation_detail", args=[item])


SITEMAPS = {
    "organisations": NamedPages("organisations:organisation_list"),
    "organisation-pages": OrganisationPages(),
}
