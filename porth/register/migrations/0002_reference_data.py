from django.db import migrations

from porth.register.reference_data import seed_reference_data


def seed(apps, schema_editor):
    seed_reference_data(
        service_area_model=apps.get_model("register", "ServiceArea"),
        user_group_model=apps.get_model("register", "UserGroup"),
        measure_model=apps.get_model("register", "Measure"),
    )


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
