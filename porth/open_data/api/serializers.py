"""How the API writes and reads the register.

Field names are the same in every language (they are an interface, not text); every value that
has a language comes in both, `name_en` and `name_cy`, and every code comes with its label in
both languages: `{"code": "live", "name_en": "Live", "name_cy": "Byw"}`.
"""

from functools import cached_property
from typing import Any

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from porth.organisations.models import Organisation, OrganisationType
from porth.register.description import (
    REQUIRED_WHEN_ADDING,
    SIMPLE_FIELDS,
    STRUCTURED_FIELDS,
    ServiceField,
)
from porth.register.models import (
    Channel,
    Hosting,
    Measure,
    MetricValue,
    PeriodType,
    Phase,
    Service,
    ServiceArea,
    ServiceStep,
    StepsInWelsh,
    TeamRole,
    TechnologyCategory,
    TechnologyProduct,
    UserGroupCode,
    WelshAvailability,
    codes,
)
from porth.register.structured import Lookups, Refused
from porth.register.validation import validate_phase_date

from ..columns import bilingual
from .permissions import may_read_private_for


class ServiceTextField(serializers.CharField):
    """A text field of the service's description (`porth.register.description`), judged by its
    declared validators only, so the API words a problem as the question pages and the import
    do. `max_length` is kept for the schema, which shows it to clients, but DRF's own
    (differently worded) check is dropped."""

    def __init__(self, declared: ServiceField, **kwargs: Any) -> None:
        # The owner may be given later: only what a new service needs is required.
        if declared.name not in REQUIRED_WHEN_ADDING:
            kwargs.setdefault("required", False)
            kwargs.setdefault("allow_blank", True)
        super().__init__(
            max_length=declared.max_length,
            validators=list(declared.validators),
            help_text=declared.label,
            **kwargs,
        )
        self.declared = declared
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, MaxLengthValidator)
        ]

    def to_internal_value(self, data: Any) -> str:
        return self.declared.tidy(super().to_internal_value(data))


class CodeSerializer(serializers.Serializer):
    """A code from a fixed list with its label in both languages."""

    code = serializers.CharField()
    name_en = serializers.CharField()
    name_cy = serializers.CharField()


def coded(choices: type, code: str) -> dict[str, str]:
    return {
        "code": code,
        "name_en": bilingual(choices, code, "en"),
        "name_cy": bilingual(choices, code, "cy"),
    }


class OrganisationSerializer(serializers.ModelSerializer):
    type = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["slug", "name_en", "name_cy", "type", "gss_code", "website"]

    @extend_schema_field(CodeSerializer)
    def get_type(self, organisation: Organisation) -> dict[str, str]:
        return coded(OrganisationType, organisation.type)


class OrganisationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name_en", "name_cy"]


class ServiceAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceArea
        fields = ["code", "name_en", "name_cy", "is_active"]


class TechnologyProductSerializer(serializers.ModelSerializer):
    category = serializers.SerializerMethodField()
    hosting = serializers.SerializerMethodField()
    services = serializers.IntegerField(source="service_count", read_only=True)
    bodies = serializers.IntegerField(source="body_count", read_only=True)

    class Meta:
        model = TechnologyProduct
        fields = [
            "id",
            "name",
            "supplier",
            "category",
            "hosting",
            "is_open_source",
            "services",
            "bodies",
        ]

    @extend_schema_field(CodeSerializer)
    def get_category(self, product: TechnologyProduct) -> dict[str, str]:
        return coded(TechnologyCategory, product.category)

    @extend_schema_field(CodeSerializer)
    def get_hosting(self, product: TechnologyProduct) -> dict[str, str]:
        return coded(Hosting, product.hosting)


class ProductInUseSerializer(serializers.Serializer):
    """A product a service uses, as the service lists it."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    supplier = serializers.CharField()


class ChannelSerializer(serializers.Serializer):
    # Judged by the register's description of a service, in its words (docs/adr/0048).
    channel = serializers.CharField(help_text=_("A channel's code"))
    is_available_in_welsh = serializers.BooleanField(default=False)


class StepSerializer(serializers.Serializer):
    """One step of the service: whether it can be done fully online, and in Welsh."""

    step = serializers.CharField(help_text=_("A step's code"))
    online = serializers.BooleanField(default=False)
    welsh = serializers.BooleanField(default=False)


class StepReadSerializer(serializers.Serializer):
    step = CodeSerializer()
    online = serializers.BooleanField()
    welsh = serializers.BooleanField()


class ChannelReadSerializer(CodeSerializer):
    is_available_in_welsh = serializers.BooleanField()


class ServiceOwnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    email = serializers.CharField()


class PartnerListSerializer(serializers.ListSerializer):
    """A service's partners: from its `related_values` when the view read them as values
    (`with_related_values`), else from the relation (prefetched)."""

    def get_attribute(self, instance: Any) -> Any:
        related = getattr(instance, "related_values", None)
        if related is not None:
            return related.partners
        return super().get_attribute(instance)


CHANNEL_ORDER = {code: position for position, code in enumerate(codes(Channel))}


class ServiceSerializer(serializers.ModelSerializer):
    """A service as the public sees it. The owner's contact details are not public: `owner` is
    null unless the request's token was made for the service's body and its person is a member
    of that body now (docs/adr/0022-api-tokens.md)."""

    organisation = OrganisationSummarySerializer()
    partner_organisations = PartnerListSerializer(child=OrganisationSummarySerializer())
    service_area = ServiceAreaSerializer()
    users_served = serializers.SerializerMethodField()
    phase = serializers.SerializerMethodField()
    channels = serializers.SerializerMethodField()
    welsh_availability = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    steps_in_welsh = serializers.SerializerMethodField(
        help_text=_("Whether every, some or none of the service's steps can be done in Welsh.")
    )
    online_steps = serializers.SerializerMethodField(
        help_text=_("The steps that can be done fully online (also in `steps`).")
    )
    team_roles = serializers.SerializerMethodField()
    technology = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField(
        help_text=_(
            "The service owner's contact details: only with a token made for the service's "
            "organisation, whose owner is a member of it; otherwise null."
        )
    )

    class Meta:
        model = Service
        fields = [
            "public_id",
            *(declared.name for declared in SIMPLE_FIELDS if declared.public),
            "organisation",
            "partner_organisations",
            "service_area",
            "users_served",
            "phase",
            "phase_since",
            "channels",
            "welsh_availability",
            "steps",
            "steps_in_welsh",
            "online_steps",
            "team_roles",
            "technology",
            "last_reviewed_on",
            "latest_metric_period",
            "is_retired",
            "retired_on",
            "created_at",
            "updated_at",
            "owner",
        ]

    @extend_schema_field(ServiceOwnerSerializer(allow_null=True))
    def get_owner(self, service: Service) -> dict[str, str] | None:
        request = self.context.get("request")
        if request is None or not may_read_private_for(request, service.organisation):
            return None
        return {
            "name": service.owner_name,
            "role": service.owner_role,
            "email": service.owner_email,
        }

    @extend_schema_field(CodeSerializer(many=True))
    def get_users_served(self, service: Service) -> list[dict[str, str]]:
        related = getattr(service, "related_values", None)
        if related is not None:
            chosen = related.users
        else:
            chosen = {group.code for group in service.users_served.all()}
        return [coded(UserGroupCode, code) for code in UserGroupCode.values if code in chosen]

    @extend_schema_field(CodeSerializer)
    def get_phase(self, service: Service) -> dict[str, str]:
        return coded(Phase, service.phase)

    @extend_schema_field(ChannelReadSerializer(many=True))
    def get_channels(self, service: Service) -> list[dict[str, Any]]:
        related = getattr(service, "related_values", None)
        if related is not None:
            return [
                {**coded(Channel, channel), "is_available_in_welsh": in_welsh}
                for channel, in_welsh in sorted(
                    related.channels, key=lambda pair: CHANNEL_ORDER[pair[0]]
                )
            ]
        channels = sorted(service.channels.all(), key=lambda channel: channel.position)
        return [
            {**coded(Channel, c.channel), "is_available_in_welsh": c.is_available_in_welsh}
            for c in channels
        ]

    @extend_schema_field(CodeSerializer)
    def get_welsh_availability(self, service: Service) -> dict[str, str]:
        return coded(WelshAvailability, service.welsh_availability)

    @extend_schema_field(StepReadSerializer(many=True))
    def get_steps(self, service: Service) -> list[dict[str, Any]]:
        return [
            {
                "step": coded(ServiceStep, record["step"]),
                "online": record["online"],
                "welsh": record["welsh"],
            }
            for record in service.steps
        ]

    @extend_schema_field(CodeSerializer)
    def get_steps_in_welsh(self, service: Service) -> dict[str, str]:
        return coded(StepsInWelsh, service.steps_in_welsh)

    @extend_schema_field(CodeSerializer(many=True))
    def get_online_steps(self, service: Service) -> list[dict[str, str]]:
        return [coded(ServiceStep, record["step"]) for record in service.steps if record["online"]]

    @extend_schema_field(CodeSerializer(many=True))
    def get_team_roles(self, service: Service) -> list[dict[str, str]]:
        return [coded(TeamRole, code) for code in TeamRole.values if code in service.team_roles]

    @extend_schema_field(ProductInUseSerializer(many=True))
    def get_technology(self, service: Service) -> list[dict[str, Any]]:
        related = getattr(service, "related_values", None)
        if related is not None:
            return list(related.technology)
        return [
            {"id": product.pk, "name": product.name, "supplier": product.supplier}
            for product in service.technology.all()
        ]


# The API gives channels and steps as records; the description reads them as its columns.
RECORDS = {
    "channels": ("channel", {"channels_in_welsh": "is_available_in_welsh"}),
    "steps": ("step", {"online_steps": "online", "welsh_steps": "welsh"}),
}


class Parsed:
    """After DRF has read a structured field's JSON, the description's structure reads and
    checks it (`ServiceWriteSerializer.parse_structured`), beside the other fields' errors."""

    declared: ServiceField

    def to_internal_value(self, data: Any) -> Any:
        raw = super().to_internal_value(data)  # type: ignore[misc]
        return self.root.parse_structured(self.declared, raw)  # type: ignore[attr-defined]


class ParsedCode(Parsed, serializers.CharField):
    pass


class ParsedCodes(Parsed, serializers.ListField):
    pass


class ParsedRecords(Parsed, serializers.ListSerializer):
    pass


def structured_field(declared: ServiceField) -> serializers.Field:
    """The API's field for a structured field of the description: a code, a list of codes (or
    IDs, for products), or a list of records for channels and steps."""
    required = declared.name in REQUIRED_WHEN_ADDING
    field: Any
    if declared.name in RECORDS:
        records = ChannelSerializer if declared.name == "channels" else StepSerializer
        field = ParsedRecords(child=records(), required=False, help_text=declared.label)
    elif declared.structure is not None and not declared.structure.many:
        field = ParsedCode(required=required, help_text=declared.label)
    else:
        field = ParsedCodes(
            child=serializers.CharField(), required=required, help_text=declared.label
        )
    field.declared = declared
    return field


def _columns(declared: ServiceField, value: Any) -> dict[str, Any]:
    """A structured value as the API was given it, as the description's columns."""
    if declared.name not in RECORDS:
        return {declared.structure.columns[0]: value}  # type: ignore[union-attr]
    key, flags = RECORDS[declared.name]
    return {
        declared.name: [record[key] for record in value],
        **{column: [r[key] for r in value if r.get(flag)] for column, flag in flags.items()},
    }


class ServiceWriteSerializer(serializers.Serializer):
    """What an editor sends to add (POST) or change (PATCH) a service. Codes, not labels.

    `phase` with `phase_from` records a phase (keeping the earlier ones as history);
    "retired" retires the service. `organisation` is only read when adding a service.
    """

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    phase = serializers.ChoiceField(choices=Phase.choices)
    phase_from = serializers.DateField(required=False, validators=[validate_phase_date])

    def get_fields(self) -> dict[str, serializers.Field]:
        """The declared fields above, and one for each field of the description."""
        fields = super().get_fields()
        fields.update({declared.name: ServiceTextField(declared) for declared in SIMPLE_FIELDS})
        fields.update({declared.name: structured_field(declared) for declared in STRUCTURED_FIELDS})
        return fields

    @cached_property
    def lookups(self) -> Lookups:
        """What codes may name; the body is the service's, or the one a new service names."""
        organisation = self.context.get("organisation")
        if organisation is None and isinstance(self.initial_data, dict):
            slug = str(self.initial_data.get("organisation", ""))
            organisation = Organisation.objects.filter(slug=slug).first()
        return Lookups(organisation)

    def parse_structured(self, declared: ServiceField, raw: Any) -> Any:
        """A structured field read and checked by the register's description, as the question
        pages and the import read it, so a bad value gets their words (docs/adr/0048)."""
        assert declared.structure is not None
        if declared.name in RECORDS:
            key, _flags = RECORDS[declared.name]
            # A PATCH is validated partially and DRF passes that on to each record, which would
            # then be let through without its code: checked here instead.
            unnamed = {
                str(index): {key: [_("This field is required.")]}
                for index, record in enumerate(raw)
                if key not in record
            }
            if unnamed:
                raise serializers.ValidationError(unnamed)
            codes = [str(record[key]).strip().casefold() for record in raw]
            if declared.name == "channels" and len(codes) != len(set(codes)):
                raise serializers.ValidationError(_("Each channel can be given only once."))
        service = self.context.get("service")
        current = service.service_area if service and declared.name == "service_area" else None
        try:
            return declared.structure.parse(
                _columns(declared, raw), lookups=self.lookups, current=current
            )
        except Refused as refused:
            raise serializers.ValidationError(list(refused.error.messages)) from refused


class MeasureSerializer(serializers.ModelSerializer):
    # null for a measure every body shares; the schema must say so.
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Measure
        fields = ["code", "name_en", "name_cy", "unit", "is_kpi", "channel", "organisation"]


class MetricValueSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    reference = serializers.CharField(
        source="service.reference",
        read_only=True,
        help_text=_("The body's own reference for the service; empty if it has none."),
    )
    organisation = serializers.SlugRelatedField(
        source="service.organisation", slug_field="slug", read_only=True
    )
    measure = MeasureSerializer()
    period_end = serializers.DateField()
    is_stale = serializers.BooleanField()

    class Meta:
        model = MetricValue
        fields = [
            "id",
            "service",
            "reference",
            "organisation",
            "measure",
            "unit",
            "period_type",
            "period_start",
            "period_end",
            "value",
            "not_provided_reason",
            "source",
            "note",
            "is_stale",
            "updated_at",
        ]


class MetricValueWriteSerializer(serializers.Serializer):
    """A figure for a period, or why it is not provided. POSTing the same service, measure and
    period again replaces the figure (the old one stays in the service's history).

    The service is named by its service ID, or by `organisation` and the body's own
    `reference` for it (ADR 0046). The period is its type and first day; its last day follows.
    """

    service = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=Service.objects.all(),
        required=False,
        help_text=_("The service ID (PS-…). Or give organisation and reference instead."),
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("The organisation's code, with reference, to name the service that way."),
    )
    reference = serializers.CharField(
        required=False,
        help_text=_("The organisation's own reference for the service."),
    )
    measure = serializers.CharField(
        help_text=_("A shared measure's code or one of the body's own.")
    )
    period_type = serializers.ChoiceField(
        choices=PeriodType.choices,
        help_text=_(
            "month, quarter (a calendar quarter), financial_year (1 April to 31 March) or "
            "calendar_year."
        ),
    )
    period_start = serializers.DateField(
        help_text=_(
            "The period's first day: 1 April for a financial year, 1 January for a calendar year."
        )
    )
    value = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, required=False
    )
    not_provided_reason = serializers.CharField(required=False, allow_blank=True)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Find the service by its reference when no service ID is given."""
        if self.partial:
            return attrs
        reference = attrs.pop("reference", "").strip()
        organisation = attrs.pop("organisation", None)
        service = attrs.get("service")
        if reference and organisation is None and service is None:
            raise serializers.ValidationError(
                {"organisation": [_("Give the organisation's code with a reference.")]}
            )
        if reference and organisation is not None:
            named = Service.objects.filter(organisation=organisation, reference=reference).first()
            if named is None:
                raise serializers.ValidationError(
                    {
                        "reference": [
                            _("None of this organisation's services has the reference “%(value)s”.")
                            % {"value": reference}
                        ]
                    }
                )
            if service is not None and service != named:
                raise serializers.ValidationError(
                    {
                        "reference": [
                            _("The reference “%(value)s” is for %(service)s, not this service.")
                            % {"value": reference, "service": named.public_id}
                        ]
                    }
                )
            attrs["service"] = named
        if attrs.get("service") is None:
            raise serializers.ValidationError(
                {"service": [_("Give the service ID, or the organisation and its reference.")]}
            )
        return attrs
