"""Tokens get an expiry, a scope, organisations and a password fingerprint (ADR 0022).

Tokens made before this could write for every body their person edited, and never expired.
They keep exactly that: scope "write", the organisations their person belongs to now (every
organisation for centre staff), and 90 days from today before they expire, so no script stops
without warning on the day this is deployed.
"""

import datetime

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

SESSION_HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"


def fill_existing_tokens(apps, schema_editor):
    PersonalToken = apps.get_model("open_data", "PersonalToken")
    Membership = apps.get_model("accounts", "Membership")
    expires_at = django.utils.timezone.now() + datetime.timedelta(days=90)
    for token in PersonalToken.objects.select_related("person").iterator():
        person = token.person
        token.scope = "write"
        token.expires_at = expires_at
        token.for_all_organisations = bool(person.is_centre_staff or person.is_superuser)
        # What `User.get_session_auth_hash()` returns; historical models lack the method.
        token.password_fingerprint = salted_hmac(
            SESSION_HASH_SALT, person.password, algorithm="sha256"
        ).hexdigest()
        token.save(
            update_fields=["scope", "expires_at", "for_all_organisations", "password_fingerprint"]
        )
        token.organisations.set(
            Membership.objects.filter(person=person).values_list("organisation_id", flat=True)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("open_data", "0002_landscape_figures"),
        ("organisations", "0002_gss_code_unique_when_set"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="personaltoken",
            name="expires_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="expires"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="personaltoken",
            name="for_all_organisations",
            field=models.BooleanField(
                default=False,
                help_text="Only for centre staff, and only while they are centre staff.",
                verbose_name="for every organisation",
            ),
        ),
        migrations.AddField(
            model_name="personaltoken",
            name="organisations",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="organisations.organisation",
                verbose_name="organisations",
            ),
        ),
        migrations.AddField(
            model_name="personaltoken",
            name="password_fingerprint",
            field=models.CharField(default="", editable=False, max_length=128),
        ),
        migrations.AddField(
            model_name="personaltoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read only"), ("write", "Read and write")],
                default="read",
                max_length=10,
                verbose_name="scope",
            ),
        ),
        migrations.RunPython(fill_existing_tokens, migrations.RunPython.noop, elidable=True),
    ]
