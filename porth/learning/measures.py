"""Learning's success measures (ADR 0038): found by the measures app, never imported by it.

Worked out at a date from when each session ran and each answer was given, so the history can
be recomputed. The alpha report's figures (`HistoricalReach`) count from the date they were
reported, each as its own labelled part with its source, and only for all bodies (they were not
recorded by body).
"""

import datetime
import statistics

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from porth.core.measures import Direction, Measure, Part, Reading, Scope, Unit, end_of

from .models import (
    TRAINED,
    Booking,
    DeliveryLanguage,
    Feedback,
    HistoricalReach,
    RoleCategory,
)

FEEDBACK_AT_LEAST = 5


def trained_by(on: datetime.date, scope: Scope) -> QuerySet[Booking]:
    """Places confirmed on sessions held by `on` and not cancelled by then, unless the register
    says the person did not come (the rule in `reach.trained`, at a date)."""
    moment = end_of(on)
    bookings = Booking.objects.filter(TRAINED, session__starts_at__lte=moment).filter(
        Q(session__cancelled_at__isnull=True) | Q(session__cancelled_at__gt=moment)
    )
    return scope.narrow(bookings, "organisation")


def _label(role: str, language: str) -> str:
    with translation.override(language):
        return str(RoleCategory(role).label)


def _people_trained(on: datetime.date, scope: Scope) -> Reading:
    by_role = dict(
        trained_by(on, scope)
        .order_by()
        .values("role_category")
        .annotate(people=Count("pk"))
        .values_list("role_category", "people")
    )
    parts = [
        Part(
            key=role.value,
            label_en=_label(role, "en"),
            label_cy=_label(role, "cy"),
            value=by_role.get(role.value, 0),
        )
        for role in RoleCategory
    ]
    if unknown := by_role.get("", 0):
        parts.append(Part(key="unknown", label_en="Not known", label_cy="Anhysbys", value=unknown))
    total = sum(part.value or 0 for part in parts)
    if scope.is_everyone:
        for record in HistoricalReach.objects.filter(recorded_on__lte=on).order_by(
            "recorded_on", "key", "role_category"
        ):
            parts.append(
                Part(
                    key=f"historical-{record.key}-{record.role_category}",
                    label_en=(
                        f"Before Porth: {record.course_title_en}, "
                        f"{_label(record.role_category, 'en').lower()} ({record.source_en})"
                    ),
                    label_cy=(
                        f"Cyn Porth: {record.course_title_cy}, "
                        f"{_label(record.role_category, 'cy').lower()} ({record.source_cy})"
                    ),
                    value=record.people,
                )
            )
            total += record.people
    return Reading(value=total, parts=tuple(parts))


def _language_label(language: str, in_language: str) -> str:
    with translation.override(in_language):
        return str(DeliveryLanguage(language).label)


def _people_trained_by_language(on: datetime.date, scope: Scope) -> Reading:
    """The people `_people_trained` counts from Porth's own sessions, by the language each
    session was delivered in (the alpha's figures recorded no language, so they are left out)."""
    by_language = dict(
        trained_by(on, scope)
        .order_by()
        .values("session__delivery_language")
        .annotate(people=Count("pk"))
        .values_list("session__delivery_language", "people")
    )
    parts = tuple(
        Part(
            key=language.value,
            label_en=_language_label(language, "en"),
            label_cy=_language_label(language, "cy"),
            value=by_language.get(language.value, 0),
        )
        for language in DeliveryLanguage
    )
    return Reading(value=sum(by_language.values()), parts=parts)


def _feedback_score(on: datetime.date, scope: Scope) -> Reading:
    """The mean overall rating (1 to 5) of the answers given by `on`; none under 5 answers, so
    no one's answer can be picked out."""
    answers = scope.narrow(
        Feedback.objects.filter(submitted_at__lte=end_of(on)), "booking__organisation"
    )
    ratings = list(answers.values_list("rating", flat=True))
    value = round(statistics.fmean(ratings), 1) if len(ratings) >= FEEDBACK_AT_LEAST else None
    return Reading(value=value, counted=len(ratings), total=len(ratings))


MEASURES = [
    Measure(
        key="learning.people_trained",
        source="learning",
        name_en="People trained",
        name_cy="Pobl a gafodd hyfforddiant",
        definition_en=(
            "People who came to a learning session held by the date, by role. For all bodies "
            "it also counts the people trained before Porth, as the alpha report recorded them."
        ),
        definition_cy=(
            "Pobl a ddaeth i sesiwn ddysgu a gynhaliwyd erbyn y dyddiad, yn ôl rôl. Ar gyfer "
            "pob corff mae hefyd yn cyfrif y bobl a gafodd hyfforddiant cyn Porth, fel y'u "
            "cofnodwyd yn yr adroddiad alffa."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_people_trained,
        order=50,
    ),
    Measure(
        key="learning.people_trained_by_language",
        source="learning",
        name_en="People trained, by the language of the session",
        name_cy="Pobl a gafodd hyfforddiant, yn ôl iaith y sesiwn",
        definition_en=(
            "People who came to a learning session held by the date, by the language the "
            "session was given in: Welsh, English or bilingual. Training before Porth is left "
            "out, because the alpha report did not record its language."
        ),
        definition_cy=(
            "Pobl a ddaeth i sesiwn ddysgu a gynhaliwyd erbyn y dyddiad, yn ôl iaith y sesiwn: "
            "Cymraeg, Saesneg neu ddwyieithog. Nid yw'n cynnwys hyfforddiant cyn Porth, am nad "
            "oedd yr adroddiad alffa yn cofnodi ei iaith."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_people_trained_by_language,
        order=52,
    ),
    Measure(
        key="learning.feedback_score",
        source="learning",
        name_en="Average feedback score for learning sessions",
        name_cy="Sgôr adborth cyfartalog ar gyfer sesiynau dysgu",
        definition_en=(
            "The mean overall rating, from 1 to 5, that attendees gave sessions by the date. "
            "Shown only when at least 5 people have answered."
        ),
        definition_cy=(
            "Y sgôr gyffredinol gymedrig, o 1 i 5, a roddodd mynychwyr i sesiynau erbyn y "
            "dyddiad. Dim ond pan fydd o leiaf 5 o bobl wedi ateb y caiff ei dangos."
        ),
        unit=Unit.COUNT,
        direction=Direction.UP,
        public=True,
        compute=_feedback_score,
        coverage_en="From {counted} answers",
        coverage_cy="O {counted} o atebion",
        order=51,
    ),
]
