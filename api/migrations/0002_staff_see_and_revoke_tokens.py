"""LOTI staff see every API token in the admin and revoke any (never the token itself)."""

import importlib

from django.db import migrations

roles = importlib.import_module("accounts.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_tokens"),
        ("accounts", "0007_role_groups_are_set_by_migrations"),
    ]

    operations = [roles.staff_permissions("api", ["view_apitoken", "change_apitoken"])]
