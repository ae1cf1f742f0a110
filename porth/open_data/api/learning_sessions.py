"""/api/v1/learning-sessions/: published upcoming sessions open to everyone, read-only.

Reads `porth.learning.queries` only, like every other resource reads its app's queries. A
body's private sessions are never listed. Every code comes with its label in both languages.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from porth.learning import queries as learning
from porth.learning.models import Audience, DeliveryLanguage, Format, Session, Topic

from .common import OpenDataAPI
from .filters import YesNo, choices, parameters, read_filters
from .serializers import CodeSerializer, coded


class LearningSessionFilters(forms.Form):
    topic = choices(Topic.choices)
    topic.label = _("Topic of the course.")
    audience = choices(Audience.choices)
    audience.label = _("Who the course is for.")
    # Not `format`: DRF reads ?format= as the response's format (JSON or the browsable API).
    delivery = choices(Format.choices)
    delivery.label = _("How the course is given.")
    language = choices(DeliveryLanguage.choices)
    language.label = _("Language the session is given in.")
    starts_after = forms.DateField(
        required=False, label=_("Sessions starting on or after this date (YYYY-MM-DD).")
    )
    starts_before = forms.DateField(
        required=False, label=_("Sessions starting on or before this date (YYYY-MM-DD).")
    )
    has_places = YesNo(required=False, label=_("Sessions with places left (true) or full (false)."))

    def apply(self, sessions: QuerySet) -> QuerySet:
        data = self.cleaned_data
        for name, lookup in (
            ("topic", "course__topic__in"),
            ("audience", "course__audience__in"),
            ("delivery", "course__format__in"),
            ("language", "delivery_language__in"),
        ):
            if data[name]:
                sessions = sessions.filter(**{lookup: data[name]})
        if data["starts_after"]:
            sessions = sessions.filter(starts_at__date__gte=data["starts_after"])
        if data["starts_before"]:
            sessions = sessions.filter(starts_at__date__lte=data["starts_before"])
        if data["has_places"] is True:
            sessions = sessions.filter(places_left__gt=0)
        elif data["has_places"] is False:
            sessions = sessions.filter(places_left=0)
        return sessions


class LearningCourseSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title_en = serializers.CharField()
    title_cy = serializers.CharField()
    summary_en = serializers.CharField()
    summary_cy = serializers.CharField()
    length_minutes = serializers.IntegerField()
    topic = serializers.SerializerMethodField()
    audience = serializers.SerializerMethodField()
    format = serializers.SerializerMethodField()
    skills = serializers.ListField(child=serializers.CharField(), source="skill_codes")

    @extend_schema_field(CodeSerializer)
    def get_topic(self, course: Any) -> dict[str, str]:
        return coded(Topic, course.topic)

    @extend_schema_field(CodeSerializer)
    def get_audience(self, course: Any) -> dict[str, str]:
        return coded(Audience, course.audience)

    @extend_schema_field(CodeSerializer)
    def get_format(self, course: Any) -> dict[str, str]:
        return coded(Format, course.format)


class LearningSessionSerializer(serializers.ModelSerializer):
    course = LearningCourseSerializer()
    language = serializers.SerializerMethodField()
    places_left = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "url",
            "course",
            "starts_at",
            "ends_at",
            "booking_opens_at",
            "booking_closes_at",
            "language",
            "place_en",
            "place_cy",
            "capacity",
            "places_left",
        ]

    @extend_schema_field(CodeSerializer)
    def get_language(self, session: Session) -> dict[str, str]:
        return coded(DeliveryLanguage, session.delivery_language)

    def get_url(self, session: Session) -> str:
        """The session's page, in English (its Welsh page is the same address under /cy/)."""
        return self.context["request"].build_absolute_uri(f"/en/learning/sessions/{session.pk}/")


@extend_schema_view(
    list=extend_schema(
        summary=_("List upcoming learning sessions"),
        parameters=parameters(LearningSessionFilters),
    ),
    retrieve=extend_schema(summary=_("One upcoming learning session")),
)
class LearningSessionViewSet(OpenDataAPI, viewsets.ReadOnlyModelViewSet):
    """Published upcoming sessions of the centre's and partners' courses that anyone in the
    Welsh public sector may book, with the places left. Joining links are never shown."""

    serializer_class = LearningSessionSerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet[Session]:
        return learning.open_sessions_for_open_data()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action != "list":
            return queryset
        return read_filters(LearningSessionFilters, self.request.query_params).apply(queryset)
