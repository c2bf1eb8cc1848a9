"""LOTI staff read the sign-in records in the admin (who signed in, how, and every refusal)."""

import importlib

from django.db import migrations

roles = importlib.import_module("accounts.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0008_council_sign_in")]

    operations = [roles.staff_permissions("accounts", ["view_signinrecord"])]
