"""Shared lists that services point at: service areas, user groups and technology products."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised

from .choices import Hosting, TechnologyCategory, UserGroupCode


class ServiceArea(models.Model):
    """A bilingual controlled list of service areas (housing, planning, …).

    A table rather than choices because centre staff add, rename and withdraw areas without a
    release. Areas are never deleted (services keep pointing at them, PROTECT): an area that is
    no longer offered is marked `is_active=False` and drops out of editors' choices only.
    `code` is stable and is what imports and the API use.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120)
    is_active = models.BooleanField(_("offered to editors"), default=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class UserGroup(models.Model):
    """One row per `UserGroupCode`: who a service is for.

    Services can serve several groups and the register filters on them, so this is a small
    table joined through a many-to-many rather than a JSON list: a JSON "contains" lookup does
    not work on SQLite, and a join works (and is indexed) on both databases. The rows are
    created by a data migration and never edited; labels come from `UserGroupCode`.
    """

    code = models.CharField(_("code"), max_length=30, unique=True, choices=UserGroupCode.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("user group")
        verbose_name_plural = _("user groups")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return UserGroupCode(self.code).label


class TechnologyProduct(models.Model):
    """A product in the shared technology catalogue.

    One product used by many bodies is one record, so the landscape can say how many bodies
    share it. The same name from the same supplier is the same product (case-insensitive).
    """

    name = models.CharField(_("product name"), max_length=150)
    supplier = models.CharField(_("supplier"), max_length=150, blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=TechnologyCategory.choices, default="other"
    )
    hosting = models.CharField(
        _("hosting"), max_length=20, choices=Hosting.choices, default=Hosting.UNKNOWN
    )
    is_open_source = models.BooleanField(_("open source"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "supplier"]
        verbose_name = _("technology product")
        verbose_name_plural = _("technology products")
        constraints = [
            models.UniqueConstraint(
                Lower("name"), Lower("supplier"), name="register_product_unique_name_supplier"
            )
        ]

    def __str__(self) -> str:
        return self.label_of(self.name, self.supplier)

    @staticmethod
    def label_of(name: str, supplier: str) -> str:
        """How a product is named: "name (supplier)", or the name alone. Also for rows read
        as values, without building an instance."""
        return f"{name} ({supplier})" if supplier else name
