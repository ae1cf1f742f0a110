"""Each step of a service becomes a record: the step, whether it can be done online, and
whether it can be done in Welsh (issue 11 item 9, docs/adr/0048).

The old list named only the steps that could be done fully online, so each becomes a step that
can be done online. Whether it can be done in Welsh was never asked per step; the channels
question asked whether the online channel "works fully in Welsh", so an online step is taken
to work in Welsh exactly when the service's online channel does. Going back keeps the online
steps and drops the rest.
"""

from django.db import migrations, models


def _summary(steps: list[dict]) -> str:
    flags = [bool(record["welsh"]) for record in steps]
    if not flags:
        return "unknown"
    if all(flags):
        return "all"
    return "some" if any(flags) else "none"


def steps_from_online_steps(apps, schema_editor) -> None:
    Service = apps.get_model("register", "Service")
    ServiceChannel = apps.get_model("register", "ServiceChannel")
    online_in_welsh = set(
        ServiceChannel.objects.filter(channel="online", is_available_in_welsh=True).values_list(
            "service_id", flat=True
        )
    )
    changed = []
    for service in Service.objects.only("pk", "online_steps").iterator(chunk_size=2000):
        if not service.online_steps:
            continue
        welsh = service.pk in online_in_welsh
        service.steps = [
            {"step": code, "online": True, "welsh": welsh} for code in service.online_steps
        ]
        service.steps_in_welsh = _summary(service.steps)
        changed.append(service)
        if len(changed) >= 2000:
            Service.objects.bulk_update(changed, ["steps", "steps_in_welsh"])
            changed = []
    Service.objects.bulk_update(changed, ["steps", "steps_in_welsh"])


def online_steps_from_steps(apps, schema_editor) -> None:
    Service = apps.get_model("register", "Service")
    changed = []
    for service in Service.objects.only("pk", "steps").iterator(chunk_size=2000):
        service.online_steps = [record["step"] for record in service.steps if record["online"]]
        changed.append(service)
    Service.objects.bulk_update(changed, ["online_steps"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0014_figures_by_period"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="steps",
            field=models.JSONField(blank=True, default=list, verbose_name="steps of the service"),
        ),
        migrations.AddField(
            model_name="service",
            name="steps_in_welsh",
            field=models.CharField(
                choices=[
                    ("all", "Every step can be done in Welsh"),
                    ("some", "Some steps can be done in Welsh"),
                    ("none", "No step can be done in Welsh"),
                    ("unknown", "No steps recorded"),
                ],
                default="unknown",
                max_length=10,
                verbose_name="steps that can be done in Welsh",
            ),
        ),
        migrations.RunPython(steps_from_online_steps, online_steps_from_steps, elidable=True),
        migrations.RemoveField(model_name="service", name="online_steps"),
    ]
