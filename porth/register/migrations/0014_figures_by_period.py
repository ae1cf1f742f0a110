"""Figures by any period (issue 11, ADR 0046): financial and calendar years beside months and
quarters, each figure's last day stored, an "other" channel, and the measures enquiries,
website visits, total transactions and transactions by other channels."""

import datetime

from django.db import migrations, models

from porth.register.reference_data import seed_reference_data

MONTHS = {"month": 1, "quarter": 3}


def _end(period_type: str, start: datetime.date) -> datetime.date:
    index = start.year * 12 + start.month - 1 + MONTHS[period_type]
    return datetime.date(index // 12, index % 12 + 1, 1) - datetime.timedelta(days=1)


def fill_period_ends(apps, schema_editor):
    """One UPDATE per distinct period: a register has a few hundred, however many figures."""
    MetricValue = apps.get_model("register", "MetricValue")
    periods = (
        MetricValue.objects.filter(period_end__isnull=True)
        .values_list("period_type", "period_start")
        .distinct()
        .order_by()
    )
    for period_type, start in list(periods):
        MetricValue.objects.filter(period_type=period_type, period_start=start).update(
            period_end=_end(period_type, start)
        )


def seed_new_measures(apps, schema_editor):
    seed_reference_data(
        service_area_model=apps.get_model("register", "ServiceArea"),
        user_group_model=apps.get_model("register", "UserGroup"),
        measure_model=apps.get_model("register", "Measure"),
    )


CHANNELS = [
    ("online", "Online"),
    ("phone", "Phone"),
    ("face_to_face", "Face to face"),
    ("post", "Post"),
    ("email", "Email"),
    ("app", "App"),
    ("other", "Other"),
]


class Migration(migrations.Migration):
    dependencies = [("register", "0013_service_reference_and_import_choices")]

    operations = [
        migrations.AlterField(
            model_name="metricvalue",
            name="period_type",
            field=models.CharField(
                choices=[
                    ("month", "Month"),
                    ("quarter", "Quarter"),
                    ("financial_year", "Financial year"),
                    ("calendar_year", "Calendar year"),
                ],
                max_length=20,
                verbose_name="period",
            ),
        ),
        migrations.AddField(
            model_name="metricvalue",
            name="period_end",
            field=models.DateField(editable=False, null=True, verbose_name="period ends"),
        ),
        migrations.RunPython(fill_period_ends, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="metricvalue",
            name="period_end",
            field=models.DateField(editable=False, verbose_name="period ends"),
        ),
        migrations.AddConstraint(
            model_name="metricvalue",
            constraint=models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="register_period_ends_after_it_starts",
            ),
        ),
        migrations.AlterField(
            model_name="measure",
            name="channel",
            field=models.CharField(
                blank=True, choices=CHANNELS, default="", max_length=20, verbose_name="channel"
            ),
        ),
        migrations.AlterField(
            model_name="servicechannel",
            name="channel",
            field=models.CharField(choices=CHANNELS, max_length=20, verbose_name="channel"),
        ),
        migrations.RunPython(seed_new_measures, migrations.RunPython.noop),
    ]
