"""The role groups are set here, not in the admin: any that was deleted is made again with its
permissions, and LOTI staff may no longer add, change or delete groups (they read them)."""

import importlib

from django.db import migrations

roles = importlib.import_module("accounts.migrations.0002_roles")


def set_role_groups(apps, schema_editor):
    roles.create_roles(apps, schema_editor)  # get_or_create, then the permissions of each
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editing_groups = Permission.objects.filter(
        content_type__app_label="auth",
        codename__in=["add_group", "change_group", "delete_group"],
    )
    Group.objects.get(name="LOTI staff").permissions.remove(*editing_groups)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_sessions_back_in_djangos_table")]

    operations = [migrations.RunPython(set_role_groups, migrations.RunPython.noop)]
