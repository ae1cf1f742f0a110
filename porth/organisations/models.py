"""Welsh public bodies: the organisations that own services and whose people use Porth."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised


class OrganisationType(models.TextChoices):
    """The kinds of body in the shared list; codes match organisations.csv."""

    PRINCIPAL_COUNCIL = "principal_council", _("Principal council")
    LOCAL_HEALTH_BOARD = "local_health_board", _("Local health board")
    NHS_TRUST = "nhs_trust", _("NHS trust")
    SPECIAL_HEALTH_AUTHORITY = "special_health_authority", _("Special health authority")
    FIRE_AND_RESCUE_SERVICE = "fire_and_rescue_service", _("Fire and rescue service")
    POLICE_FORCE = "police_force", _("Police force")
    DEVOLVED_GOVERNMENT = "devolved_government", _("Devolved government")
    ARMS_LENGTH_BODY = "arms_length_body", _("Arm's-length body")
    # Bodies beyond the shared list whose people use Porth; centre staff add them by hand.
    UK_GOVERNMENT = "uk_government", _("UK Government")
    THIRD_SECTOR = "third_sector", _("Third sector")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A Welsh public body. Loaded from organisations.csv; its names are facts, not editor text."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    gss_code = models.CharField(_("GSS code"), max_length=9, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_en"]
        constraints = [
            # A GSS code names one body; many bodies have none, so only codes that are set count.
            models.UniqueConstraint(
                fields=["gss_code"],
                condition=~models.Q(gss_code=""),
                name="organisation_gss_code_unique_when_set",
            )
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")
