"""Contributions keep their body as shown (sanitised HTML), made once when written (ADR 0059).

The data step fills it for contributions written before, with the same `as_html` that pages
used at every request until now, so what people see does not change.
"""

from django.db import migrations, models

from porth.moderation.sanitise import as_html

BATCH = 500


def fill_body_html(apps, schema_editor):
    Contribution = apps.get_model("moderation", "Contribution")
    waiting = Contribution.objects.filter(body_html="").only("pk", "body").order_by("pk")
    last = 0
    while True:
        batch = list(waiting.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        for contribution in batch:
            contribution.body_html = str(as_html(contribution.body))
        Contribution.objects.bulk_update(batch, ["body_html"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="body_html",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_body_html, migrations.RunPython.noop, elidable=True),
    ]
