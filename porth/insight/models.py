"""Page views counted per day, path, language and referring site: nothing about the person.

No cookie, no IP address, no user agent, no query string: only what the privacy notice says
(ADR 0039). Rows older than `KEEP_DAYS` are deleted by the pruning task.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

KEEP_DAYS = 730  # 2 years
PATH_LENGTH = 300
DOMAIN_LENGTH = 200


class PageViewDay(models.Model):
    """How many times a page was viewed in one language on one day, from one referring site
    ("" for none, or another page of Porth)."""

    day = models.DateField(_("day"))
    path = models.CharField(_("page"), max_length=PATH_LENGTH)
    language = models.CharField(_("language"), max_length=5)
    referrer_domain = models.CharField(_("referring site"), max_length=DOMAIN_LENGTH, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views by day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "path", "language", "referrer_domain"],
                name="one_count_per_page_day_language_referrer",
            )
        ]
        indexes = [models.Index(fields=["day"], name="insight_page_view_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.language} {self.path}: {self.views}"
