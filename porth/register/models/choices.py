"""Fixed lists the register uses. Codes are stored and exported; labels are translated.

Lists that centre staff must be able to change without a release (service areas) are tables,
not choices: see `reference.py`.
"""

from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _


@cache
def codes(choices: type[models.Choices]) -> tuple[str, ...]:
    """`choices.values`, worked out once: Django builds it, with every label, on each use,
    which a 10,000-row import would do hundreds of thousands of times (ADR 0055)."""
    return tuple(choices.values)


class Phase(models.TextChoices):
    """Where a service is in its life. Teams in Wales do not always go through these in order,
    so nothing forces a sequence: a phase is simply recorded with the date it applies from."""

    DISCOVERY = "discovery", _("Discovery")
    ALPHA = "alpha", _("Alpha")
    PRIVATE_BETA = "private_beta", _("Private beta")
    PUBLIC_BETA = "public_beta", _("Public beta")
    LIVE = "live", _("Live")
    RETIRING = "retiring", _("Retiring")
    RETIRED = "retired", _("Retired")


class Channel(models.TextChoices):
    """Ways people can use a service."""

    ONLINE = "online", _("Online")
    PHONE = "phone", _("Phone")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    POST = "post", _("Post")
    EMAIL = "email", _("Email")
    APP = "app", _("App")
    OTHER = "other", _("Other")


class WelshAvailability(models.TextChoices):
    """A summary of ServiceChannel.is_available_in_welsh across a service's channels.

    Stored on Service (not computed in queries) so the register can filter on it and the
    dashboard can count it cheaply; `Service.refresh_welsh_availability()` keeps it right.
    """

    ALL = "all", _("All channels in Welsh")
    SOME = "some", _("Some channels in Welsh")
    NONE = "none", _("No channels in Welsh")
    UNKNOWN = "unknown", _("No channels recorded")


class ServiceStep(models.TextChoices):
    """Steps of a transaction. `Service.steps` records, for each step a service has, whether
    it can be done fully online and whether it can be done in Welsh (docs/adr/0048)."""

    APPLY = "apply", _("Apply")
    PAY = "pay", _("Pay")
    TRACK = "track", _("Track progress")
    DECISION = "decision", _("Get a decision")
    FEEDBACK = "feedback", _("Give feedback")


class StepsInWelsh(models.TextChoices):
    """A summary of `Service.steps`: can the whole service be done in Welsh, end to end?

    Stored on Service, like `WelshAvailability`, so the landscape counts it cheaply.
    """

    ALL = "all", _("Every step can be done in Welsh")
    SOME = "some", _("Some steps can be done in Welsh")
    NONE = "none", _("No step can be done in Welsh")
    UNKNOWN = "unknown", _("No steps recorded")


class TeamRole(models.TextChoices):
    """Roles present in the team that runs the service (a multidisciplinary team has most)."""

    USER_RESEARCH = "user_research", _("User research")
    DESIGN = "design", _("Design")
    PRODUCT = "product", _("Product management")
    DELIVERY = "delivery", _("Delivery management")
    DEVELOPMENT = "development", _("Development")
    DATA = "data", _("Data")


class UserGroupCode(models.TextChoices):
    """Who a service is for. Rows of `UserGroup` carry these codes (see its docstring)."""

    PUBLIC = "public", _("The public")
    BUSINESSES = "businesses", _("Businesses")
    THIRD_SECTOR = "third_sector", _("Third sector")
    PUBLIC_BODIES = "public_bodies", _("Other public bodies")
    STAFF = "staff", _("Staff")


class TechnologyCategory(models.TextChoices):
    CRM = "crm", _("Customer relationship management (CRM)")
    FORMS = "forms", _("Forms")
    PAYMENTS = "payments", _("Payments")
    CASE_MANAGEMENT = "case_management", _("Case management")
    BOOKING = "booking", _("Booking")
    WEBSITE_CMS = "website_cms", _("Website content management")
    OTHER = "other", _("Other")


class Hosting(models.TextChoices):
    SAAS = "saas", _("Software as a service")
    CLOUD = "cloud", _("Cloud, run by the organisation")
    ON_PREMISES = "on_premises", _("On premises")
    UNKNOWN = "unknown", _("Not known")


class Unit(models.TextChoices):
    """The unit of a measure; it decides how a value is validated and shown."""

    PERCENT = "percent", _("Percentage")
    COUNT = "count", _("Count")
    POUNDS = "pounds", _("Pounds (£)")


class PeriodType(models.TextChoices):
    """How long a figure's period is (ADR 0046): quarters are calendar quarters; a financial
    year runs from 1 April to 31 March."""

    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    FINANCIAL_YEAR = "financial_year", _("Financial year")
    CALENDAR_YEAR = "calendar_year", _("Calendar year")


class ChangeKind(models.TextChoices):
    """What kind of change a ServiceChange records."""

    CREATED = "created", _("Service added")
    UPDATED = "updated", _("Details changed")
    PHASE = "phase", _("Phase recorded")
    RETIRED = "retired", _("Service retired")
    REVIEWED = "reviewed", _("Confirmed as current")
    METRIC = "metric", _("Figure recorded")
