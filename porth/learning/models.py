"""Learning: courses, their sessions, the people booked on them and the waiting lists.

A place is held by a `Booking` whose status is confirmed, or offered (held for someone on the
waiting list until the offer expires). Capacity is checked under a row lock on the session
(docs/adr/0030-booking-concurrency.md), so places held never exceed the capacity.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from porth.core.language import localised


class Audience(models.TextChoices):
    SENIOR_LEADERS = "senior_leaders", _("Senior leaders")
    ELECTED_MEMBERS = "elected_members", _("Elected members")
    PRACTITIONERS = "practitioners", _("Practitioners")
    EVERYONE = "everyone", _("Everyone")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    WEBINAR = "webinar", _("Webinar")
    ELEARNING = "elearning", _("E-learning")


class Topic(models.TextChoices):
    DIGITAL_TRANSFORMATION = "digital_transformation", _("Digital transformation")
    USER_CENTRED_DESIGN = "user_centred_design", _("User-centred design")
    AGILE = "agile", _("Agile ways of working")
    DATA = "data", _("Data")
    LEADERSHIP = "leadership", _("Digital leadership")
    WELSH_LANGUAGE = "welsh_language", _("Welsh-language service design")


class DeliveryLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    BILINGUAL = "bilingual", _("Bilingual")


class RoleCategory(models.TextChoices):
    SENIOR_LEADER = "senior_leader", _("Senior leader")
    ELECTED_MEMBER = "elected_member", _("Elected member")
    PRACTITIONER = "practitioner", _("Practitioner")
    OTHER = "other", _("Other")


class Course(models.Model):
    """Something the centre or a partner teaches, run as one or more sessions."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200)
    summary_en = models.CharField(_("summary in English"), max_length=300)
    summary_cy = models.CharField(_("summary in Welsh"), max_length=300)
    description_en = models.TextField(_("description in English"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices)
    length_minutes = models.PositiveIntegerField(_("length in minutes"))
    # Plain slugs from the skills framework; the skills app links here by `?skill=<code>`.
    skill_codes = models.JSONField(_("skills"), default=list, blank=True)
    # Extra booking questions: a list of {"en": ..., "cy": ...}.
    extra_questions = models.JSONField(_("extra questions"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def summary(self) -> str:
        return localised(self, "summary")

    @property
    def description(self) -> str:
        return localised(self, "description")


class Organiser(models.Model):
    """A person centre staff have made a course organiser: they publish courses and sessions,
    keep registers and read feedback."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_organiser"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course organiser")
        verbose_name_plural = _("course organisers")

    def __str__(self) -> str:
        return str(self.person)


class SessionQuerySet(models.QuerySet):
    def published(self) -> "SessionQuerySet":
        return self.filter(is_published=True, course__is_published=True)

    def visible_to(self, user) -> "SessionQuerySet":
        """Open sessions, and sessions private to a body the person belongs to."""
        if getattr(user, "is_authenticated", False) and (user.is_centre_staff or user.is_superuser):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.filter(organisation__isnull=True)
        # A subquery, not a join: a join to memberships needs DISTINCT, which then has to
        # compare every column of every row (ADR 0058).
        return self.filter(
            Q(organisation__isnull=True)
            | Q(organisation_id__in=user.memberships.values("organisation_id"))
        )


class Session(models.Model):
    """One run of a course, at a time and place (or online), with a number of places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place_en = models.CharField(_("place in English"), max_length=300, blank=True)
    place_cy = models.CharField(_("place in Welsh"), max_length=300, blank=True)
    joining_link = models.URLField(_("joining link"), blank=True)
    delivery_language = models.CharField(
        _("delivery language"), max_length=10, choices=DeliveryLanguage.choices
    )
    capacity = models.PositiveIntegerField(_("places"))
    booking_opens_at = models.DateTimeField(_("booking opens"))
    booking_closes_at = models.DateTimeField(_("booking closes"))
    cancellation_cutoff_hours = models.PositiveIntegerField(
        _("people may cancel until this many hours before"), default=24
    )
    offer_hours = models.PositiveIntegerField(_("hours a waiting-list offer lasts"), default=48)
    # Set when an organisation admin publishes a session for their own body's staff only.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="learning_sessions",
    )
    is_published = models.BooleanField(_("published"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="learning_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(booking_closes_at__gt=F("booking_opens_at")),
                name="learning_session_booking_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def place(self) -> str:
        return localised(self, "place")

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_booking_open(self) -> bool:
        now = timezone.now()
        return (
            not self.is_cancelled
            and self.booking_opens_at <= now < self.booking_closes_at
            and now < self.starts_at
        )

    @property
    def cancellation_cutoff(self) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(hours=self.cancellation_cutoff_hours)


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    LEFT = "left", _("Left the waiting list")
    EXPIRED = "expired", _("Offer expired")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")


HOLDS_A_PLACE = (BookingStatus.CONFIRMED, BookingStatus.OFFERED)
ACTIVE = (BookingStatus.CONFIRMED, BookingStatus.OFFERED, BookingStatus.WAITING)


class IsNotFalse(models.Func):
    """`attended IS NOT FALSE`: true or not yet known. Django's `exclude(attended=False)` is
    written as `NOT (NOT attended AND attended IS NOT NULL)`, which PostgreSQL estimates badly
    and cannot match to a partial index."""

    template = "%(expressions)s IS NOT FALSE"
    arity = 1
    output_field = models.BooleanField()


# A confirmed booking whose register does not say the person stayed away: trained, once the
# session is past (`reach.trained`).
TRAINED = Q(IsNotFalse("attended"), status="confirmed")


class Booking(models.Model):
    """One person's place on a session, or their place in its waiting list.

    `queued_at` orders the waiting list; centre staff move someone up by giving them an earlier
    one (with a recorded reason). Access needs are sensitive: erased 30 days after the session.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_bookings"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_bookings",
    )
    role_category = models.CharField(
        _("role"), max_length=20, choices=RoleCategory.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices)
    access_needs = models.TextField(_("access needs"), blank=True)
    participation_language = models.CharField(
        _("language you want to take part in"), max_length=10, choices=DeliveryLanguage.choices
    )
    extra_answers = models.JSONField(_("answers to the course's questions"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    answers_erased_at = models.DateTimeField(null=True, blank=True)
    # None until the register is kept; then whether the person came.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    feedback_invited_at = models.DateTimeField(null=True, blank=True)
    week_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    day_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(status__in=["confirmed", "offered", "waiting"]),
                name="learning_one_active_booking_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["session", "status", "queued_at"]),
            # Places held, counted for each session the catalogue lists: a small index of the
            # held rows only, read without the table (ADR 0058).
            models.Index(
                fields=["session"],
                condition=Q(status__in=["confirmed", "offered"]),
                name="learning_booking_places_held",
            ),
            # The reach report: trained bookings by body and role, read for each past session
            # from the index alone (ADR 0058). Its condition must be written as the report's
            # filter is (`TRAINED`), or PostgreSQL cannot prove the index covers the query.
            models.Index(
                fields=["session", "organisation", "role_category"],
                condition=Q(TRAINED),
                name="learning_booking_trained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDS_A_PLACE

    @property
    def is_waiting(self) -> bool:
        return self.status == BookingStatus.WAITING

    @property
    def is_offered(self) -> bool:
        return self.status == BookingStatus.OFFERED

    @property
    def is_confirmed(self) -> bool:
        return self.status == BookingStatus.CONFIRMED


class Feedback(models.Model):
    """One attendee's answers about a session, given once. The free text is for organisers."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    was_useful = models.BooleanField(_("useful for your work"))
    would_recommend = models.BooleanField(_("would recommend it"))
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="learning_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.booking}: {self.rating}"


class MaterialKind(models.TextChoices):
    RECORDING = "recording", _("Recording")
    SLIDES = "slides", _("Slides")
    CAPTIONS = "captions", _("Captions or transcript")
    OTHER = "other", _("Other material")


class SessionMaterial(models.Model):
    """A recording, slides or captions added by the organisers after a session, for the people
    who attended it (and the organisers). A link: the files live where the organisers keep them."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200)
    url = models.URLField(_("link"), max_length=500)
    language = models.CharField(_("language"), max_length=10, choices=DeliveryLanguage.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("session material")
        verbose_name_plural = _("session materials")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return localised(self, "title")


class LearnerProfile(models.Model):
    """What the reach reports need to know about a person: their role category. Asked at
    booking when missing."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    role_category = models.CharField(_("role"), max_length=20, choices=RoleCategory.choices)
    calendar_token = models.CharField(max_length=64, default=secrets.token_urlsafe, unique=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self) -> str:
        return str(self.person)


class HistoricalReach(models.Model):
    """A figure reported before Porth measured anything itself (the alpha report's people
    trained), kept as a dated record with its source: counts, never invented people."""

    key = models.SlugField(max_length=100)
    recorded_on = models.DateField(_("reported on"))
    course_title_en = models.CharField(max_length=200)
    course_title_cy = models.CharField(max_length=200)
    role_category = models.CharField(_("role"), max_length=20, choices=RoleCategory.choices)
    people = models.PositiveIntegerField(_("people trained"))
    source_en = models.CharField(max_length=300)
    source_cy = models.CharField(max_length=300)

    class Meta:
        ordering = ["recorded_on", "key", "role_category"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "role_category"], name="learning_one_historical_figure_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.role_category}: {self.people}"

    @property
    def course_title(self) -> str:
        return localised(self, "course_title")

    @property
    def source(self) -> str:
        return localised(self, "source")


class ColleagueInvitation(models.Model):
    """A place booked by one person for a colleague in their body. The booking is held in the
    colleague's name from the start; they accept it, or decline and free it for the waiting
    list."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="invitation")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token = models.CharField(max_length=64, default=secrets.token_urlsafe, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)

    class Meta:
        verbose_name = _("colleague invitation")
        verbose_name_plural = _("colleague invitations")

    def __str__(self) -> str:
        return str(self.booking)

    @property
    def is_answered(self) -> bool:
        return self.accepted_at is not None or self.declined_at is not None
