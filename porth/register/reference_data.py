"""The register's starting lists: service areas, user groups and the shared measures.

Loaded by the data migration 0002 and by `seed_reference_data` wherever a database has been
emptied (browser tests flush tables between tests). Rows are matched on their code, so running
it again never duplicates anything and never overwrites names centre staff have since edited.
"""

from typing import Any

SERVICE_AREAS: list[tuple[str, str, str]] = [
    # (code, English, Welsh)
    ("housing", "Housing", "Tai"),
    ("planning", "Planning", "Cynllunio"),
    ("revenues-benefits", "Revenues and benefits", "Refeniw a budd-daliadau"),
    ("school-admissions", "School admissions", "Derbyn i ysgolion"),
    ("social-care", "Social care", "Gofal cymdeithasol"),
    ("streets-highways", "Streets and highways", "Strydoedd a phriffyrdd"),
    ("waste-recycling", "Waste and recycling", "Gwastraff ac ailgylchu"),
    ("health", "Health", "Iechyd"),
    ("education", "Education", "Addysg"),
    ("transport", "Transport", "Trafnidiaeth"),
    ("environment", "Environment", "Yr amgylchedd"),
    ("culture-leisure", "Culture and leisure", "Diwylliant a hamdden"),
    ("business", "Business", "Busnes"),
    ("democracy-elections", "Democracy and elections", "Democratiaeth ac etholiadau"),
    ("community-safety", "Community safety", "Diogelwch cymunedol"),
    ("corporate-internal", "Corporate and internal", "Corfforaethol a mewnol"),
]

USER_GROUPS = ["public", "businesses", "third_sector", "public_bodies", "staff"]

MEASURES: list[dict[str, Any]] = [
    # The four KPIs of a digital service, then transactions by channel, then in Welsh.
    {
        "code": "cost-per-transaction",
        "name_en": "Cost per transaction",
        "name_cy": "Cost fesul trafodiad",
        "unit": "pounds",
        "is_kpi": True,
    },
    {
        "code": "user-satisfaction",
        "name_en": "User satisfaction",
        "name_cy": "Boddhad defnyddwyr",
        "unit": "percent",
        "is_kpi": True,
    },
    {
        "code": "completion-rate",
        "name_en": "Completion rate",
        "name_cy": "Cyfradd cwblhau",
        "unit": "percent",
        "is_kpi": True,
    },
    {
        "code": "digital-take-up",
        "name_en": "Digital take-up",
        "name_cy": "Defnydd digidol",
        "unit": "percent",
        "is_kpi": True,
    },
    {
        "code": "transactions-online",
        "name_en": "Transactions online",
        "name_cy": "Trafodion ar-lein",
        "unit": "count",
        "channel": "online",
    },
    {
        "code": "transactions-phone",
        "name_en": "Transactions by phone",
        "name_cy": "Trafodion dros y ffôn",
        "unit": "count",
        "channel": "phone",
    },
    {
        "code": "transactions-face-to-face",
        "name_en": "Transactions face to face",
        "name_cy": "Trafodion wyneb yn wyneb",
        "unit": "count",
        "channel": "face_to_face",
    },
    {
        "code": "transactions-post",
        "name_en": "Transactions by post",
        "name_cy": "Trafodion drwy'r post",
        "unit": "count",
        "channel": "post",
    },
    {
        "code": "transactions-email",
        "name_en": "Transactions by email",
        "name_cy": "Trafodion drwy e-bost",
        "unit": "count",
        "channel": "email",
    },
    {
        "code": "transactions-app",
        "name_en": "Transactions in an app",
        "name_cy": "Trafodion mewn ap",
        "unit": "count",
        "channel": "app",
    },
    {
        "code": "transactions-in-welsh",
        "name_en": "Transactions completed in Welsh",
        "name_cy": "Trafodion a gwblhawyd yn Gymraeg",
        "unit": "count",
    },
    # Added by migration 0014 (issue 11, ADR 0046): real inventories report these too.
    {
        "code": "transactions-other",
        "name_en": "Transactions by other channels",
        "name_cy": "Trafodion drwy sianeli eraill",
        "unit": "count",
        "channel": "other",
    },
    {
        "code": "transactions-total",
        "name_en": "Total transactions",
        "name_cy": "Cyfanswm y trafodion",
        "unit": "count",
    },
    {
        "code": "enquiries",
        "name_en": "Enquiries",
        "name_cy": "Ymholiadau",
        "unit": "count",
    },
    {
        "code": "website-visits",
        "name_en": "Website visits",
        "name_cy": "Ymweliadau â'r wefan",
        "unit": "count",
    },
]


def seed_reference_data(*, service_area_model, user_group_model, measure_model) -> None:
    """Create any missing area, user group or shared measure; leave existing rows alone.

    Takes the model classes so the data migration can pass its historical models.
    """
    for code, name_en, name_cy in SERVICE_AREAS:
        service_area_model.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_cy": name_cy}
        )
    for code in USER_GROUPS:
        user_group_model.objects.get_or_create(code=code)
    for position, measure in enumerate(MEASURES, start=1):
        defaults = {key: value for key, value in measure.items() if key != "code"}
        measure_model.objects.get_or_create(
            code=measure["code"],
            organisation=None,
            defaults={**defaults, "position": position},
        )


def seed() -> None:
    """Seed with the current models (for tests and commands that start from empty tables)."""
    # Here, not at the top: migration 0002 imports this module and must not load today's models.
    from .models import Measure, ServiceArea, UserGroup

    seed_reference_data(
        service_area_model=ServiceArea, user_group_model=UserGroup, measure_model=Measure
    )
